package dev.spool.domain;

import java.time.Instant;
import java.util.List;

/**
 * A batch of work submitted once, as stored. Immutable snapshot; change it through the store's intent
 * operations, which enforce {@link Transitions}.
 *
 * @param spec       the submitted job specification as JSON (kept verbatim for reports and rebinds)
 * @param counts     task counts by state, read together with the job
 * @param reportDir  where the job's reports were written, once terminal; null before
 */
public record Job(
        String id,
        String name,
        JobStatus status,
        int priority,
        RecoveryPolicy recoveryPolicy,
        int maxAttempts,
        String presetId,
        String outputDir,
        String spec,
        String failureReason,
        List<String> warnings,
        TaskCounts counts,
        String reportDir,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {

    public Job {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        counts = counts == null ? TaskCounts.NONE : counts;
    }
}
