package dev.spool.store;

import java.util.List;

/**
 * What one rescue pass did.
 *
 * @param requeued              task ids given another attempt (AUTO) or re-queued for a later resume (MANUAL)
 * @param failed                task ids failed because they ran out of attempts
 * @param recoveryRequiredJobs  job ids now RECOVERY_REQUIRED (MANUAL policy)
 */
public record RescueReport(List<String> requeued, List<String> failed, List<String> recoveryRequiredJobs) {
    public RescueReport {
        requeued = List.copyOf(requeued);
        failed = List.copyOf(failed);
        recoveryRequiredJobs = List.copyOf(recoveryRequiredJobs);
    }

    public boolean isEmpty() {
        return requeued.isEmpty() && failed.isEmpty() && recoveryRequiredJobs.isEmpty();
    }
}
