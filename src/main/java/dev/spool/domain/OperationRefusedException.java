package dev.spool.domain;

/**
 * An operator control (resume, retry-failed, cancel, pause, rebind) that the job's state does not allow.
 * The message says what the state is and what would make the operation possible.
 */
public final class OperationRefusedException extends SpoolException {
    private final String jobId;
    private final String operation;
    private final JobStatus status;

    public OperationRefusedException(String jobId, String operation, JobStatus status, String reason) {
        super("cannot " + operation + " job " + jobId + " (status " + status + "): " + reason);
        this.jobId = jobId;
        this.operation = operation;
        this.status = status;
    }

    public String jobId() { return jobId; }
    public String operation() { return operation; }
    public JobStatus status() { return status; }
}
