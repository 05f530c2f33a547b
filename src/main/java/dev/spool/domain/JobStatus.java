package dev.spool.domain;

/**
 * Lifecycle of a job (002's state machine). Legal moves live in {@link Transitions}.
 */
public enum JobStatus {
    PENDING, RUNNING, PAUSED, COMPLETED, COMPLETED_WITH_WARNINGS, FAILED, CANCELLED, RECOVERY_REQUIRED;

    /** Terminal states end a run; only retry-failed may reopen COMPLETED_WITH_WARNINGS or FAILED. */
    public boolean isTerminal() {
        return this == COMPLETED || this == COMPLETED_WITH_WARNINGS || this == FAILED || this == CANCELLED;
    }
}
