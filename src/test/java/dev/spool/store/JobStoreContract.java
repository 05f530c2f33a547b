package dev.spool.store;

import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Lease;
import dev.spool.domain.LeaseLostException;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.NotFoundException;
import dev.spool.domain.OperationRefusedException;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.domain.TaskStatus;
import dev.spool.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one contract every {@link JobStore} implementation passes; subclasses supply a fresh database.
 */
abstract class JobStoreContract {
    static final Duration LEASE = Duration.ofSeconds(30);

    protected MutableClock clock;
    protected String url;
    protected JobStore store;

    /** A JDBC URL of an empty database (or one that will be created). */
    protected abstract String freshDatabaseUrl();

    protected void dropDatabase(String url) {
    }

    @BeforeEach
    void openStore() {
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        url = freshDatabaseUrl();
        store = SqlJobStore.open(url, clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
        dropDatabase(url);
    }

    static NewJob aJobOf(int clips) {
        return NewJob.of("card A001", IntStream.range(0, clips)
                .mapToObj(i -> NewTask.of("transcode", "/media/A001/clip" + i + ".mov")).toList());
    }

    static TaskOutcome.Completed completed() {
        return new TaskOutcome.Completed("{\"outputs\":[]}", List.of());
    }

    // --- creation and reading -----------------------------------------------------------------------

    @Test
    void a_created_job_is_running_with_all_its_tasks_queued_in_clip_order() {
        Job job = store.createJob(aJobOf(3));

        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.counts().queued()).isEqualTo(3);
        assertThat(job.startedAt()).isEqualTo(clock.instant());
        assertThat(store.tasksOf(job.id())).extracting(Task::seq, Task::source, Task::status, Task::attempt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "/media/A001/clip0.mov", TaskStatus.QUEUED, 0),
                        org.assertj.core.groups.Tuple.tuple(1, "/media/A001/clip1.mov", TaskStatus.QUEUED, 0),
                        org.assertj.core.groups.Tuple.tuple(2, "/media/A001/clip2.mov", TaskStatus.QUEUED, 0));
        assertThat(store.eventsAfter(0, Set.of(job.id()), 100)).extracting(Event::type)
                .containsExactly("job.created", "job.started");
    }

    @Test
    void a_pending_job_runs_nothing_until_started() {
        Job job = store.createJob(aJobOf(2).withStart(false));
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(store.claim("w1", 10, LEASE)).isEmpty();

        store.start(job.id());

        assertThat(store.claim("w1", 10, LEASE)).hasSize(2);
        assertThatThrownBy(() -> store.start(job.id())).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("RUNNING");
    }

    @Test
    void an_unknown_job_is_reported_as_not_found() {
        assertThat(store.findJob("nope")).isEmpty();
        assertThatThrownBy(() -> store.getJob("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> store.pause("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_same_idempotency_key_returns_the_same_job() {
        Job first = store.createJob(aJobOf(2), "key-1");
        Job again = store.createJob(aJobOf(2), "key-1");
        Job other = store.createJob(aJobOf(2), "key-2");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(store.listJobs(null, null, 100).items()).hasSize(2);
    }

    @Test
    void jobs_list_newest_first_with_cursor_pages_and_status_filter() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.createJob(aJobOf(1)).id());
            clock.advance(Duration.ofSeconds(1));
        }
        store.pause(ids.get(1));
        store.pause(ids.get(3));

        Page<Job> first = store.listJobs(null, null, 2);
        Page<Job> second = store.listJobs(null, first.nextCursor(), 2);
        Page<Job> third = store.listJobs(null, second.nextCursor(), 2);

        assertThat(first.items()).extracting(Job::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.items()).extracting(Job::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(third.items()).extracting(Job::id).containsExactly(ids.get(0));
        assertThat(third.nextCursor()).isNull();
        assertThat(store.listJobs(Set.of(JobStatus.PAUSED), null, 10).items()).extracting(Job::id)
                .containsExactly(ids.get(3), ids.get(1));
        assertThatThrownBy(() -> store.listJobs(null, "garbage!", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
    }

    // --- claiming -----------------------------------------------------------------------------------

    @Test
    void claims_take_higher_priority_first_then_oldest() {
        Job old = store.createJob(aJobOf(2));
        clock.advance(Duration.ofSeconds(1));
        Job urgent = store.createJob(aJobOf(2).withPriority(10));
        clock.advance(Duration.ofSeconds(1));

        List<Task> claimed = store.claim("w1", 3, LEASE);

        assertThat(claimed).extracting(Task::jobId).containsExactly(urgent.id(), urgent.id(), old.id());
        assertThat(claimed.get(2).seq()).isZero();
        assertThat(claimed).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(t.attempt()).isEqualTo(1);
            assertThat(t.workerId()).isEqualTo("w1");
            assertThat(t.leaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
        });
    }

    @Test
    void a_claim_can_be_restricted_to_one_job() {
        Job a = store.createJob(aJobOf(2));
        clock.advance(Duration.ofSeconds(1));
        Job b = store.createJob(aJobOf(2));

        List<Task> onlyB = store.claim("w1", 10, LEASE, b.id());

        assertThat(onlyB).extracting(Task::jobId).containsOnly(b.id()).hasSize(2);
        assertThat(store.claim("w1", 10, LEASE)).extracting(Task::jobId).containsOnly(a.id());
    }

    @Test
    void many_threads_claiming_concurrently_never_receive_the_same_task() throws Exception {
        int tasks = 600;
        store.createJob(aJobOf(tasks));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<String> claimedIds = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            String worker = "w" + w;
            int batch = 1 + w * 3;
            futures.add(pool.submit(() -> {
                go.await();
                while (true) {
                    List<Task> got = store.claim(worker, batch, LEASE);
                    if (got.isEmpty()) return null;
                    for (Task t : got) {
                        claimedIds.add(t.id());
                        store.finish(t.lease(), completed());
                    }
                }
            }));
        }
        go.countDown();
        for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(claimedIds).hasSize(tasks);
        assertThat(new HashSet<>(claimedIds)).hasSize(tasks);
        Job job = store.listJobs(null, null, 1).items().get(0);
        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.counts().completed()).isEqualTo(tasks);
    }

    @Test
    void a_dependent_task_waits_for_its_dependency_and_is_skipped_when_it_fails() {
        NewJob job = NewJob.of("deps", List.of(
                NewTask.of("ingest", "http://example/a.mp4"),
                new NewTask("transcode", null, "{}", List.of(0)),
                new NewTask("thumbnails", null, "{}", List.of(1)),
                NewTask.of("ingest", "http://example/b.mp4"),
                new NewTask("transcode", null, "{}", List.of(3))));
        Job created = store.createJob(job);

        List<Task> first = store.claim("w1", 10, LEASE);
        assertThat(first).extracting(Task::seq).containsExactly(0, 3);

        store.finish(first.get(0).lease(), completed());
        store.finish(first.get(1).lease(), new TaskOutcome.Failed("HTTP 404", null, List.of()));

        List<Task> second = store.claim("w1", 10, LEASE);
        assertThat(second).extracting(Task::seq).containsExactly(1);
        assertThat(second.get(0).dependsOn()).containsExactly(first.get(0).id());
        Task skipped = store.tasksOf(created.id()).get(4);
        assertThat(skipped.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(skipped.failureReason()).contains("HTTP 404");

        store.finish(second.get(0).lease(), new TaskOutcome.Failed("encode failed", "tail", List.of()));
        assertThat(store.tasksOf(created.id()).get(2).status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(store.getJob(created.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
    }

    // --- leases and fencing -------------------------------------------------------------------------

    @Test
    void an_expired_lease_is_found_by_the_rescuer_and_a_fresh_one_is_not() {
        store.createJob(aJobOf(2));
        Task stale = store.claim("w1", 1, LEASE).get(0);
        clock.advance(Duration.ofSeconds(20));
        Task fresh = store.claim("w2", 1, LEASE).get(0);
        clock.advance(Duration.ofSeconds(11));

        assertThat(store.expiredLeases(10)).extracting(Task::id).containsExactly(stale.id());
        assertThat(fresh.id()).isNotEqualTo(stale.id());
    }

    @Test
    void a_heartbeat_keeps_a_lease_alive_and_reports_lost_ones() {
        store.createJob(aJobOf(2).withRecovery(RecoveryPolicy.AUTO, 3));
        List<Task> mine = store.claim("w1", 2, LEASE);
        clock.advance(Duration.ofSeconds(25));
        assertThat(store.heartbeat(List.of(mine.get(0).lease()), LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(10));

        assertThat(store.expiredLeases(10)).extracting(Task::id).containsExactly(mine.get(1).id());
        store.rescueExpired(10);
        List<Lease> lost = store.heartbeat(List.of(mine.get(0).lease(), mine.get(1).lease()), LEASE);
        assertThat(lost).containsExactly(mine.get(1).lease());
    }

    @Test
    void a_completion_from_a_worker_whose_lease_was_taken_over_changes_nothing() {
        Job job = store.createJob(aJobOf(1).withRecovery(RecoveryPolicy.AUTO, 3));
        Task first = store.claim("w1", 1, LEASE).get(0);
        clock.advance(LEASE.plusSeconds(1));
        store.rescueExpired(10);
        Task second = store.claim("w2", 1, LEASE).get(0);
        long eventsBefore = store.lastEventId();

        assertThatThrownBy(() -> store.finish(first.lease(), completed())).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("w1");
        assertThatThrownBy(() -> store.progress(first.lease(), "{\"percent\":50}"))
                .isInstanceOf(LeaseLostException.class);

        Task now = store.findTask(first.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(now.workerId()).isEqualTo("w2");
        assertThat(now.attempt()).isEqualTo(2);
        assertThat(store.lastEventId()).isEqualTo(eventsBefore);

        store.finish(second.lease(), completed());
        // the interrupted first attempt stays on record as a warning
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(store.findTask(first.id()).orElseThrow().warnings()).singleElement().asString().contains("w1");
    }

    @Test
    void finishing_many_at_once_records_each_and_returns_only_the_lost_leases() {
        Job job = store.createJob(aJobOf(3).withRecovery(RecoveryPolicy.AUTO, 3));
        List<Task> t = store.claim("w1", 3, LEASE);
        Lease stale = new Lease(t.get(2).id(), t.get(2).attempt() + 1, "w1");

        List<Lease> lost = store.finishAll(List.of(
                new JobStore.Finished(t.get(0).lease(), completed()),
                new JobStore.Finished(t.get(1).lease(), new TaskOutcome.Failed("bad", "tail", List.of())),
                new JobStore.Finished(stale, completed())));

        assertThat(lost).containsExactly(stale);
        assertThat(store.tasksOf(job.id())).extracting(Task::status)
                .containsExactly(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.RUNNING);
        store.finish(t.get(2).lease(), completed());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
    }

    @Test
    void auto_recovery_requeues_until_max_attempts_then_fails_with_the_reason() {
        Job job = store.createJob(aJobOf(1).withRecovery(RecoveryPolicy.AUTO, 2));
        store.claim("w1", 1, LEASE);
        clock.advance(LEASE.plusSeconds(1));
        RescueReport r1 = store.rescueExpired(10);
        assertThat(r1.requeued()).hasSize(1);
        Task again = store.claim("w2", 1, LEASE).get(0);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.warnings()).anySatisfy(w -> assertThat(w).contains("w1").contains("re-queued"));
        clock.advance(LEASE.plusSeconds(1));

        RescueReport r2 = store.rescueExpired(10);

        assertThat(r2.failed()).containsExactly(again.id());
        Task failed = store.findTask(again.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.failureReason()).contains("w2").contains("no attempts left (max 2)");
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
    }

    @Test
    void manual_recovery_freezes_the_job_until_resumed_and_then_runs_only_unfinished_clips() {
        Job job = store.createJob(aJobOf(3));
        List<Task> running = store.claim("w1", 2, LEASE);
        store.finish(running.get(0).lease(), completed());
        clock.advance(LEASE.plusSeconds(1));

        RescueReport report = store.rescueExpired(10);

        assertThat(report.recoveryRequiredJobs()).containsExactly(job.id());
        Job frozen = store.getJob(job.id());
        assertThat(frozen.status()).isEqualTo(JobStatus.RECOVERY_REQUIRED);
        assertThat(frozen.failureReason()).contains("w1");
        assertThat(store.claim("w2", 10, LEASE)).isEmpty();

        List<Task> willRun = store.resume(job.id());

        assertThat(willRun).extracting(Task::seq).containsExactly(1, 2);
        List<Task> claimed = store.claim("w2", 10, LEASE);
        assertThat(claimed).extracting(Task::seq).containsExactly(1, 2);
        claimed.forEach(t -> store.finish(t.lease(), completed()));
        assertThat(store.findTask(running.get(0).id()).orElseThrow().attempt()).isEqualTo(1);
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(store.findTask(running.get(1).id()).orElseThrow().warnings()).singleElement().asString()
                .contains("re-queued for resume");
    }

    @Test
    void releasing_a_restarted_worker_recovers_its_tasks_at_once() {
        Job job = store.createJob(aJobOf(1));
        store.claim("host-a", 1, LEASE);

        RescueReport r = store.releaseWorker("host-a");

        assertThat(r.recoveryRequiredJobs()).containsExactly(job.id());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.RECOVERY_REQUIRED);
    }

    // --- aggregation --------------------------------------------------------------------------------

    @Test
    void a_job_whose_clips_all_completed_cleanly_is_completed() {
        Job job = store.createJob(aJobOf(2));
        store.claim("w", 2, LEASE).forEach(t -> store.finish(t.lease(), completed()));
        Job done = store.getJob(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.finishedAt()).isEqualTo(clock.instant());
        assertThat(store.eventsAfter(0, Set.of(job.id()), 100)).extracting(Event::type).last()
                .isEqualTo("job.completed");
    }

    @Test
    void a_failed_clip_or_a_warning_makes_the_job_completed_with_warnings_not_failed() {
        Job failing = store.createJob(aJobOf(2));
        List<Task> a = store.claim("w", 2, LEASE);
        store.finish(a.get(0).lease(), new TaskOutcome.Failed("not media", "moov atom not found", List.of()));
        assertThat(store.getJob(failing.id()).status()).isEqualTo(JobStatus.RUNNING);
        store.finish(a.get(1).lease(), completed());
        Job f = store.getJob(failing.id());
        assertThat(f.status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(f.counts().failed()).isEqualTo(1);
        Task bad = store.findTask(a.get(0).id()).orElseThrow();
        assertThat(bad.failureReason()).isEqualTo("not media");
        assertThat(bad.stderrTail()).isEqualTo("moov atom not found");

        Job warned = store.createJob(aJobOf(1));
        Task t = store.claim("w", 1, LEASE).get(0);
        store.finish(t.lease(), new TaskOutcome.Completed("{}", List.of("fell back to libx264")));
        assertThat(store.getJob(warned.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(store.getJob(warned.id()).counts().withWarnings()).isEqualTo(1);
    }

    // --- operator control ---------------------------------------------------------------------------

    @Test
    void pause_lets_running_tasks_finish_and_starts_nothing_new() {
        Job job = store.createJob(aJobOf(3));
        Task running = store.claim("w", 1, LEASE).get(0);

        store.pause(job.id());

        assertThat(store.claim("w", 10, LEASE)).isEmpty();
        store.finish(running.lease(), completed());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.PAUSED);
        assertThat(store.resume(job.id())).hasSize(2);
        assertThat(store.claim("w", 10, LEASE)).hasSize(2);
    }

    @Test
    void cancel_skips_queued_clips_lets_the_running_one_finish_and_is_final() {
        Job job = store.createJob(aJobOf(3));
        Task running = store.claim("w", 1, LEASE).get(0);

        Job cancelled = store.cancel(job.id());

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.tasksOf(job.id())).filteredOn(t -> t.status() == TaskStatus.SKIPPED)
                .hasSize(2).allSatisfy(t -> assertThat(t.failureReason()).isEqualTo("cancelled"));
        store.finish(running.lease(), completed());
        assertThat(store.findTask(running.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> store.resume(job.id())).isInstanceOf(OperationRefusedException.class);
        assertThatThrownBy(() -> store.cancel(job.id())).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void cancel_with_stop_asks_the_workers_of_running_tasks_to_stop() {
        Job job = store.createJob(aJobOf(3));
        List<Task> running = store.claim("w", 2, LEASE);
        List<String> ids = running.stream().map(Task::id).toList();
        assertThat(store.stopRequested(ids)).isEmpty();

        store.cancel(job.id(), true);

        assertThat(store.stopRequested(ids)).containsExactlyInAnyOrderElementsOf(ids);
        store.finish(running.get(0).lease(), new TaskOutcome.Skipped("cancelled"));
        assertThat(store.stopRequested(ids)).containsExactly(running.get(1).id());
    }

    @Test
    void retry_failed_requeues_only_failed_clips_and_never_reruns_completed_ones() {
        Job job = store.createJob(aJobOf(3));
        List<Task> t = store.claim("w", 3, LEASE);
        store.finish(t.get(0).lease(), completed());
        store.finish(t.get(1).lease(), new TaskOutcome.Failed("bad", null, List.of()));
        store.finish(t.get(2).lease(), completed());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);

        List<Task> requeued = store.retryFailed(job.id());

        assertThat(requeued).extracting(Task::id).containsExactly(t.get(1).id());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.RUNNING);
        Task again = store.claim("w", 10, LEASE).get(0);
        assertThat(again.id()).isEqualTo(t.get(1).id());
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(store.claim("w", 10, LEASE)).isEmpty();
        store.finish(again.lease(), completed());
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThatThrownBy(() -> store.retryFailed(job.id())).isInstanceOf(OperationRefusedException.class);
    }

    @Test
    void illegal_control_operations_are_refused_with_the_typed_error() {
        Job job = store.createJob(aJobOf(1));
        store.claim("w", 1, LEASE).forEach(t -> store.finish(t.lease(), completed()));
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);

        assertThatThrownBy(() -> store.resume(job.id()))
                .isInstanceOfSatisfying(OperationRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(JobStatus.COMPLETED);
                    assertThat(e.getMessage()).contains("resume").contains("COMPLETED");
                });
        assertThatThrownBy(() -> store.pause(job.id())).isInstanceOf(OperationRefusedException.class);
        assertThatThrownBy(() -> store.rebind(job.id(), "prores-proxy")).isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("PENDING or RECOVERY_REQUIRED");
        assertThatThrownBy(() -> store.markRecoveryRequired(job.id(), "x")).isInstanceOf(OperationRefusedException.class);
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void rebind_changes_the_preset_of_a_pending_job_and_records_an_event() {
        Job job = store.createJob(aJobOf(1).withStart(false).withPreset("h264-proxy"));
        Job rebound = store.rebind(job.id(), "prores-proxy");
        assertThat(rebound.presetId()).isEqualTo("prores-proxy");
        assertThat(store.eventsAfter(0, Set.of(job.id()), 10)).extracting(Event::type).contains("job.rebound");
    }

    @Test
    void an_engine_failure_fails_the_job_and_skips_what_was_queued() {
        Job job = store.createJob(aJobOf(2));
        Job failed = store.failJob(job.id(), "output volume unmounted");
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("output volume unmounted");
        assertThat(failed.counts().skipped()).isEqualTo(2);
    }

    @Test
    void queue_position_counts_tasks_ahead() {
        store.createJob(aJobOf(3));
        clock.advance(Duration.ofMillis(1));
        Job later = store.createJob(aJobOf(2));
        List<Task> laterTasks = store.tasksOf(later.id());
        assertThat(store.queuePosition(laterTasks.get(1).id())).contains(4);
        store.claim("w", 2, LEASE);
        assertThat(store.queuePosition(laterTasks.get(1).id())).contains(2);
        Task running = store.claim("w", 10, LEASE).get(0);
        assertThat(store.queuePosition(running.id())).isEmpty();
    }

    // --- events, leadership, restart, schema --------------------------------------------------------

    @Test
    void events_have_increasing_ids_and_can_be_read_after_an_id() {
        Job job = store.createJob(aJobOf(2));
        List<Task> t = store.claim("w", 2, LEASE);
        store.progress(t.get(0).lease(), "{\"percent\":42.0}");
        t.forEach(x -> store.finish(x.lease(), completed()));

        List<Event> all = store.eventsAfter(0, Set.of(), 100);
        assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(Event::type).containsExactly("job.created", "job.started", "task.started",
                "task.started", "task.progress", "task.completed", "task.completed", "job.completed");
        long afterProgress = all.get(4).id();
        assertThat(store.eventsAfter(afterProgress, Set.of(), 100)).hasSize(3);
        assertThat(all.get(4).payload()).contains("42.0");
        assertThat(all.get(2).jobId()).isEqualTo(job.id());
        assertThat(store.lastEventId()).isEqualTo(all.get(all.size() - 1).id());
    }

    @Test
    void leadership_is_held_until_its_ttl_lapses() {
        assertThat(store.tryLead("maintenance", "node-a", Duration.ofSeconds(10))).isTrue();
        assertThat(store.tryLead("maintenance", "node-b", Duration.ofSeconds(10))).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(store.tryLead("maintenance", "node-a", Duration.ofSeconds(10))).isTrue();
        clock.advance(Duration.ofSeconds(11));
        assertThat(store.tryLead("maintenance", "node-b", Duration.ofSeconds(10))).isTrue();
        assertThat(store.tryLead("maintenance", "node-a", Duration.ofSeconds(10))).isFalse();
        store.releaseLead("maintenance", "node-b");
        assertThat(store.tryLead("maintenance", "node-a", Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void a_new_store_instance_on_the_same_database_sees_all_state() {
        Job job = store.createJob(aJobOf(3));
        List<Task> t = store.claim("w", 2, LEASE);
        store.finish(t.get(0).lease(), completed());
        long lastEvent = store.lastEventId();
        store.close();

        store = SqlJobStore.open(url, clock);

        Job reread = store.getJob(job.id());
        assertThat(reread.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(reread.counts()).isEqualTo(new dev.spool.domain.TaskCounts(1, 1, 1, 0, 0, 0));
        assertThat(store.lastEventId()).isEqualTo(lastEvent);
        store.finish(t.get(1).lease(), completed());
        assertThat(store.claim("w", 10, LEASE)).hasSize(1);
    }

    @Test
    void a_database_migrated_by_a_newer_spool_refuses_to_open() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                    + " 'V99__future.sql', 0, 'test', 0, " + (url.startsWith("jdbc:sqlite") ? "1" : "true") + ")");
        }

        assertThatThrownBy(() -> SqlJobStore.open(url, clock)).isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("version 99").hasMessageContaining("newer");

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '99'");
        }
        store = SqlJobStore.open(url, clock);
    }

    @Test
    void concurrent_finishers_of_a_jobs_last_tasks_finalise_it_exactly_once() throws Exception {
        for (int round = 0; round < 10; round++) {
            Job job = store.createJob(aJobOf(4));
            List<Task> t = store.claim("w", 4, LEASE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (Task task : t) {
                fs.add(pool.submit(() -> {
                    go.await();
                    store.finish(task.lease(), completed());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(store.eventsAfter(0, Set.of(job.id()), 100)).filteredOn(e -> e.type().equals("job.completed"))
                    .hasSize(1);
        }
    }

    @Test
    void events_committed_concurrently_become_visible_in_id_order() throws Exception {
        store.createJob(aJobOf(200));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "w" + w;
            fs.add(pool.submit(() -> {
                List<Task> got;
                while (!(got = store.claim(worker, 5, LEASE)).isEmpty()) {
                    for (Task t : got) store.finish(t.lease(), completed());
                }
                return null;
            }));
        }
        // A tailing reader must never see an id appear below one it already passed.
        long last = 0;
        boolean done = false;
        while (!done) {
            done = fs.stream().allMatch(Future::isDone);
            for (Event e : store.eventsAfter(last, Set.of(), 1000)) {
                assertThat(seen.add(e.id())).isTrue();
                last = e.id();
            }
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        for (Event e : store.eventsAfter(last, Set.of(), 10_000)) seen.add(e.id());
        assertThat(store.eventsAfter(0, Set.of(), 10_000)).extracting(Event::id).containsExactlyInAnyOrderElementsOf(seen);
    }
}
