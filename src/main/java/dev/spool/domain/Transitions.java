package dev.spool.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.spool.domain.JobStatus.*;
import static dev.spool.domain.TaskStatus.COMPLETED;
import static dev.spool.domain.TaskStatus.FAILED;
import static dev.spool.domain.TaskStatus.QUEUED;
import static dev.spool.domain.TaskStatus.SKIPPED;

/**
 * The one transition table for jobs and tasks. Everything that changes a status asks here first;
 * the store's guarded SQL updates enforce the same table in the database.
 *
 * <p>Job moves (002, Job Engine + Persistence &amp; Recovery + Operator Control):
 * <pre>
 * PENDING           → RUNNING (start), CANCELLED (cancel), FAILED (engine failure)
 * RUNNING           → PAUSED (pause), COMPLETED / COMPLETED_WITH_WARNINGS (all tasks terminal),
 *                     FAILED (engine failure), CANCELLED (cancel), RECOVERY_REQUIRED (interrupted)
 * PAUSED            → RUNNING (resume), CANCELLED, FAILED, RECOVERY_REQUIRED (interrupted),
 *                     COMPLETED / COMPLETED_WITH_WARNINGS (the last running tasks finished while paused
 *                     and nothing is left queued)
 * RECOVERY_REQUIRED → RUNNING (explicit resume only), CANCELLED
 * COMPLETED_WITH_WARNINGS, FAILED → RUNNING (retry-failed re-queues FAILED tasks only)
 * COMPLETED, CANCELLED: final
 * </pre>
 * Task moves: QUEUED → RUNNING | SKIPPED; RUNNING → COMPLETED | FAILED | SKIPPED | QUEUED (lease lost and
 * re-queued by recovery, attempt+1); FAILED → QUEUED (retry-failed). COMPLETED and SKIPPED are final.
 */
public final class Transitions {
    private static final Map<JobStatus, Set<JobStatus>> JOB = new EnumMap<>(JobStatus.class);
    private static final Map<TaskStatus, Set<TaskStatus>> TASK = new EnumMap<>(TaskStatus.class);

    static {
        JOB.put(PENDING, EnumSet.of(RUNNING, CANCELLED, JobStatus.FAILED));
        JOB.put(RUNNING, EnumSet.of(PAUSED, JobStatus.COMPLETED, COMPLETED_WITH_WARNINGS, JobStatus.FAILED,
                CANCELLED, RECOVERY_REQUIRED));
        JOB.put(PAUSED, EnumSet.of(RUNNING, CANCELLED, JobStatus.FAILED, RECOVERY_REQUIRED,
                JobStatus.COMPLETED, COMPLETED_WITH_WARNINGS));
        JOB.put(RECOVERY_REQUIRED, EnumSet.of(RUNNING, CANCELLED));
        JOB.put(COMPLETED_WITH_WARNINGS, EnumSet.of(RUNNING));
        JOB.put(JobStatus.FAILED, EnumSet.of(RUNNING));
        JOB.put(JobStatus.COMPLETED, EnumSet.noneOf(JobStatus.class));
        JOB.put(CANCELLED, EnumSet.noneOf(JobStatus.class));

        TASK.put(QUEUED, EnumSet.of(TaskStatus.RUNNING, SKIPPED));
        TASK.put(TaskStatus.RUNNING, EnumSet.of(COMPLETED, FAILED, SKIPPED, QUEUED));
        TASK.put(FAILED, EnumSet.of(QUEUED));
        TASK.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
        TASK.put(SKIPPED, EnumSet.noneOf(TaskStatus.class));
    }

    private Transitions() {
    }

    public static boolean allowed(JobStatus from, JobStatus to) {
        return JOB.get(from).contains(to);
    }

    public static boolean allowed(TaskStatus from, TaskStatus to) {
        return TASK.get(from).contains(to);
    }

    /** Returns {@code to} when the move is legal, otherwise throws naming both states. */
    public static JobStatus check(String jobId, JobStatus from, JobStatus to) {
        if (!allowed(from, to)) throw new IllegalTransitionException("job", jobId, from, to);
        return to;
    }

    /** Returns {@code to} when the move is legal, otherwise throws naming both states. */
    public static TaskStatus check(String taskId, TaskStatus from, TaskStatus to) {
        if (!allowed(from, to)) throw new IllegalTransitionException("task", taskId, from, to);
        return to;
    }

    public static Set<JobStatus> from(JobStatus status) {
        return Collections.unmodifiableSet(JOB.get(status));
    }

    public static Set<TaskStatus> from(TaskStatus status) {
        return Collections.unmodifiableSet(TASK.get(status));
    }

    /** Job states from which a job may move to {@code to}; used to write guarded SQL updates. */
    public static Set<JobStatus> into(JobStatus to) {
        Set<JobStatus> result = EnumSet.noneOf(JobStatus.class);
        JOB.forEach((from, tos) -> {
            if (tos.contains(to)) result.add(from);
        });
        return result;
    }
}
