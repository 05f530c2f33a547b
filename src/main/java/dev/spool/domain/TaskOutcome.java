package dev.spool.domain;

import java.util.List;

/**
 * What an executor reports for one attempt. Outcomes are values; exceptions are for the unexpected.
 */
public sealed interface TaskOutcome {
    /** The work was done and verified; {@code result} is JSON describing outputs. */
    record Completed(String result, List<String> warnings) implements TaskOutcome {
        public Completed {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** Nothing to do (e.g. output exists and the duplicates rule says skip). */
    record Skipped(String reason) implements TaskOutcome {
    }

    /** The attempt failed; {@code stderrTail} holds FFmpeg's last lines when relevant. */
    record Failed(String reason, String stderrTail, List<String> warnings) implements TaskOutcome {
        public Failed {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
