package dev.spool.domain;

/**
 * A worker wrote about a task attempt it no longer holds (its lease expired and was rescued, the
 * task was re-queued, or another worker has it). The worker must stop, clean up and write nothing.
 */
public final class LeaseLostException extends SpoolException {
    private final Lease lease;

    public LeaseLostException(Lease lease) {
        super("lease lost: task " + lease.taskId() + " attempt " + lease.attempt() + " is no longer held by worker "
                + lease.workerId());
        this.lease = lease;
    }

    public Lease lease() {
        return lease;
    }
}
