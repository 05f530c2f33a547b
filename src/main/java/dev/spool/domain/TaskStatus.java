package dev.spool.domain;

/** Lifecycle of one task (one clip, one sequence, one concat ...). */
public enum TaskStatus {
    QUEUED, RUNNING, COMPLETED, SKIPPED, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == SKIPPED || this == FAILED;
    }
}
