package dev.spool.domain;

import java.time.Instant;
import java.util.List;

/**
 * The unit one worker executes in one attempt, as stored.
 *
 * @param seq            position within its job (0-based), the order clips were given in
 * @param kind           what executor runs it (e.g. {@code transcode})
 * @param spec           task-specific JSON (outputs, in/out points ...)
 * @param attempt        how many times it has been claimed; 0 while never started
 * @param workerId       the worker holding the lease while RUNNING
 * @param leaseExpiresAt when the lease lapses unless extended by a heartbeat
 * @param result         JSON written on completion (outputs, encoder used ...)
 * @param progress       latest coalesced progress JSON of the running attempt (percent, fps, eta ...), or null
 * @param dependsOn      ids of tasks of the same job that must complete first
 * @param queuedAt       when it last entered the queue; with priority it orders claims ("priority then age")
 */
public record Task(
        String id,
        String jobId,
        int seq,
        String kind,
        TaskStatus status,
        String source,
        String spec,
        int priority,
        int attempt,
        int maxAttempts,
        String workerId,
        Instant leaseExpiresAt,
        String failureReason,
        List<String> warnings,
        String stderrTail,
        String result,
        String progress,
        List<String> dependsOn,
        Instant queuedAt,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {

    public Task {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** The fencing token a worker must present to write progress or an outcome. */
    public Lease lease() {
        return new Lease(id, attempt, workerId);
    }
}
