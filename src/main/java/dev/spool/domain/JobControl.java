package dev.spool.domain;

import java.util.EnumSet;
import java.util.Set;

import static dev.spool.domain.JobStatus.*;

/**
 * Operator controls (002, Operator Control) and the job states each is allowed from. The store enforces
 * these inside its transactions; the CLI and API use them to explain a refusal before asking.
 */
public enum JobControl {
    START("start", EnumSet.of(PENDING), "only a PENDING job can be started"),
    PAUSE("pause", EnumSet.of(RUNNING), "only a RUNNING job can be paused"),
    RESUME("resume", EnumSet.of(PAUSED, RECOVERY_REQUIRED), "only a PAUSED or RECOVERY_REQUIRED job can be resumed"),
    CANCEL("cancel", EnumSet.of(PENDING, RUNNING, PAUSED, RECOVERY_REQUIRED), "the job has already ended"),
    RETRY_FAILED("retry failed clips of", EnumSet.of(COMPLETED_WITH_WARNINGS, FAILED, RUNNING, PAUSED),
            "only a COMPLETED_WITH_WARNINGS, FAILED, RUNNING or PAUSED job has failed clips to retry"),
    REBIND("rebind", EnumSet.of(PENDING, RECOVERY_REQUIRED),
            "a preset can only be rebound while PENDING or RECOVERY_REQUIRED"),
    MARK_RECOVERY_REQUIRED("mark recovery-required", EnumSet.of(RUNNING, PAUSED),
            "only a RUNNING or PAUSED job can be interrupted"),
    FAIL("fail", EnumSet.of(PENDING, RUNNING, PAUSED), "the job is not active");

    private final String verb;
    private final Set<JobStatus> from;
    private final String refusal;

    JobControl(String verb, Set<JobStatus> from, String refusal) {
        this.verb = verb;
        this.from = from;
        this.refusal = refusal;
    }

    public boolean allowedFrom(JobStatus status) {
        return from.contains(status);
    }

    public Set<JobStatus> allowedFrom() {
        return EnumSet.copyOf(from);
    }

    /** Throws {@link OperationRefusedException} with the reason when {@code status} does not allow this control. */
    public void check(String jobId, JobStatus status) {
        if (!allowedFrom(status)) throw new OperationRefusedException(jobId, verb, status, refusal);
    }

    public String verb() {
        return verb;
    }
}
