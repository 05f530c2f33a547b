package dev.spool.store;

import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Lease;
import dev.spool.domain.NewJob;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable jobs, tasks, events and leadership. One contract, one SQL implementation with SQLite and
 * PostgreSQL dialects ({@link SqlJobStore}); both pass the same contract tests.
 *
 * <p>Every state change is a transaction that checks the state machine ({@code domain.Transitions}) and
 * writes the events describing it in the same transaction. Worker writes are fenced by their
 * {@link Lease}: a write about an attempt the worker no longer holds changes nothing and throws
 * {@link dev.spool.domain.LeaseLostException}.
 */
public interface JobStore extends AutoCloseable {

    // --- jobs ---------------------------------------------------------------------------------------

    /** Creates a job and all its tasks in one transaction; with {@code start} the job is RUNNING at once. */
    Job createJob(NewJob job);

    /**
     * Like {@link #createJob(NewJob)}, but a second call with the same non-null key returns the job the
     * first created instead of creating another.
     */
    Job createJob(NewJob job, String idempotencyKey);

    Optional<Job> findJob(String jobId);

    /** @throws dev.spool.domain.NotFoundException when there is no such job */
    Job getJob(String jobId);

    List<Task> tasksOf(String jobId);

    Optional<Task> findTask(String taskId);

    /** Jobs newest first, optionally only those in {@code statuses}; pass the previous page's cursor to go on. */
    Page<Job> listJobs(Set<JobStatus> statuses, String cursor, int limit);

    // --- workers ------------------------------------------------------------------------------------

    /**
     * Claims up to {@code max} queued tasks of running jobs whose dependencies completed, highest priority
     * first then oldest, in one statement; each gets attempt+1 and a lease of {@code leaseFor}.
     */
    default List<Task> claim(String workerId, int max, Duration leaseFor) {
        return claim(workerId, max, leaseFor, null);
    }

    /** Like {@link #claim(String, int, Duration)}, restricted to one job when {@code onlyJobId} is not null. */
    List<Task> claim(String workerId, int max, Duration leaseFor, String onlyJobId);

    /**
     * Extends the leases a worker holds. Returns the leases that were lost (taken over or finished by
     * someone else); the worker must stop those attempts.
     */
    List<Lease> heartbeat(List<Lease> leases, Duration leaseFor);

    /** Records progress (JSON) for a running attempt and emits a {@code task.progress} event. */
    void progress(Lease lease, String progressJson);

    /**
     * Records an attempt's outcome: COMPLETED, SKIPPED or FAILED. Tasks depending on a failed or skipped
     * task are skipped with the reason. When this finishes the job's last task, the job is finalised by
     * status aggregation.
     *
     * @throws dev.spool.domain.LeaseLostException when the worker no longer holds the attempt
     */
    void finish(Lease lease, TaskOutcome outcome);

    /**
     * Records many attempts' outcomes in one transaction (group commit for workers finishing many short
     * tasks). Unlike {@link #finish}, lost leases do not abort the others: they are returned, unchanged.
     */
    List<Lease> finishAll(List<Finished> outcomes);

    /** One attempt's outcome for {@link #finishAll}. */
    record Finished(Lease lease, TaskOutcome outcome) {
    }

    /** Running tasks whose lease has lapsed. */
    List<Task> expiredLeases(int limit);

    /**
     * Deals with lapsed leases per their job's recovery policy: AUTO re-queues with the next attempt up to
     * max attempts, then fails the task with the reason; MANUAL re-queues the interrupted attempt and marks
     * the job RECOVERY_REQUIRED so nothing runs until an operator resumes it.
     */
    RescueReport rescueExpired(int limit);

    /** Treats every lease held by {@code workerId} as lapsed now (a worker restarting under the same id). */
    RescueReport releaseWorker(String workerId);

    // --- operator control ---------------------------------------------------------------------------

    /** PENDING → RUNNING. */
    Job start(String jobId);

    /** RUNNING → PAUSED: running tasks finish, nothing new starts. */
    Job pause(String jobId);

    /** PAUSED or RECOVERY_REQUIRED → RUNNING. Completed tasks never run again. Returns the tasks that will run. */
    List<Task> resume(String jobId);

    /**
     * Queued tasks become SKIPPED("cancelled"); the job becomes CANCELLED (terminal). Running tasks finish
     * (002's rule) unless {@code stopRunning}, in which case their workers are asked to stop them; they are
     * then recorded as SKIPPED("cancelled").
     */
    Job cancel(String jobId, boolean stopRunning);

    /** {@code cancel(jobId, false)}. */
    default Job cancel(String jobId) {
        return cancel(jobId, false);
    }

    /** Of these running task ids, the ones an operator asked to stop. */
    Set<String> stopRequested(java.util.Collection<String> taskIds);

    /** FAILED tasks go back to the queue (COMPLETED ones never); the job runs again. Returns the re-queued tasks. */
    List<Task> retryFailed(String jobId);

    /** Binds another preset; only while PENDING or RECOVERY_REQUIRED. */
    Job rebind(String jobId, String presetId);

    /** RUNNING or PAUSED → RECOVERY_REQUIRED, with the reason recorded. */
    Job markRecoveryRequired(String jobId, String reason);

    /** The engine itself cannot continue this job: → FAILED with the reason. */
    Job failJob(String jobId, String reason);

    /** Records where a terminal job's reports were written. */
    void setReportDir(String jobId, String reportDir);

    /** Tasks queued ahead of this one across running jobs (0 = next). Empty when it is not queued. */
    Optional<Integer> queuePosition(String taskId);

    // --- events and leadership ----------------------------------------------------------------------

    /** Events with id greater than {@code afterId}, in id order; restricted to {@code jobIds} when non-empty. */
    List<Event> eventsAfter(long afterId, Set<String> jobIds, int limit);

    long lastEventId();

    /** Takes or renews leadership {@code name} for {@code ttl}; true when {@code holder} is now the leader. */
    boolean tryLead(String name, String holder, Duration ttl);

    void releaseLead(String name, String holder);

    /** The database's schema version and dialect, for {@code spool doctor}. */
    String describe();

    @Override
    void close();
}
