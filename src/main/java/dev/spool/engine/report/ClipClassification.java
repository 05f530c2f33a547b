package dev.spool.engine.report;

import dev.spool.domain.TaskStatus;

import java.util.List;

/** How a clip ended, as a report reader sorts them. */
public enum ClipClassification {
    /** Completed and verified, with no warnings. */
    SUCCESS,
    /** Completed and verified, but something is worth a look (e.g. fell back from a hardware encoder). */
    SUCCESS_WITH_WARNINGS,
    FAILED,
    SKIPPED,
    /**
     * Still queued or running when the report was made: the engine stopped the job (FAILED) before the
     * clip ran. Not in 002's list; without it such clips would be silently missing or mislabelled.
     */
    INCOMPLETE;

    static ClipClassification of(TaskStatus status, List<String> warnings) {
        return switch (status) {
            case COMPLETED -> warnings.isEmpty() ? SUCCESS : SUCCESS_WITH_WARNINGS;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
            case QUEUED, RUNNING -> INCOMPLETE;
        };
    }
}
