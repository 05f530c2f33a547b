package dev.spool.engine;

import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.store.SqlJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerPoolTest {
    @TempDir
    Path dir;
    SqlJobStore store;
    GatedExecutor gated = new GatedExecutor();
    WorkerPool pool;

    @BeforeEach
    void open() {
        store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        gated.gate.countDown();
        if (pool != null) pool.close();
        store.close();
    }

    WorkerSettings fast(String id, int slots) {
        return new WorkerSettings(id, slots, Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(200));
    }

    Job submit(int clips, RecoveryPolicy policy, String... sources) {
        return store.createJob(NewJob.of("t", IntStream.range(0, clips)
                        .mapToObj(i -> NewTask.of("gated", sources.length > i ? sources[i] : "clip" + i)).toList())
                .withRecovery(policy, 3));
    }

    @Test
    void runs_every_task_within_its_slots_and_completes_the_job() {
        Job job = submit(5, RecoveryPolicy.MANUAL, "ok", "ok", "fail");
        pool = new WorkerPool(store, List.of(gated), fast("w1", 2)).start();

        await().until(() -> gated.started.size() == 2);
        assertThat(store.getJob(job.id()).counts().running()).isEqualTo(2);
        gated.gate.countDown();

        await().until(() -> store.getJob(job.id()).status().isTerminal());
        Job done = store.getJob(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.counts().completed()).isEqualTo(4);
        assertThat(done.counts().failed()).isEqualTo(1);
        assertThat(gated.maxConcurrent.get()).isEqualTo(2);
    }

    @Test
    void cancelling_with_stop_stops_a_running_task_within_two_seconds() {
        Job job = submit(3, RecoveryPolicy.MANUAL);
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> gated.started.size() == 1);

        long t0 = System.nanoTime();
        store.cancel(job.id(), true);
        await().atMost(Duration.ofSeconds(2)).until(() -> gated.stopped.size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));

        await().until(() -> pool.busySlots() == 0);
        assertThat(store.tasksOf(job.id())).extracting(Task::status).containsOnly(TaskStatus.SKIPPED);
        assertThat(store.tasksOf(job.id())).extracting(Task::failureReason).containsOnly("cancelled");
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_paused_job_finishes_its_running_task_and_starts_nothing_until_resumed() {
        Job job = submit(3, RecoveryPolicy.MANUAL);
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> gated.started.size() == 1);

        store.pause(job.id());
        gated.gate.countDown();
        await().until(() -> store.getJob(job.id()).counts().completed() == 1);
        pool.wakeUp();
        assertThat(pool.awaitIdle(Duration.ofSeconds(2))).isTrue();
        assertThat(gated.started).hasSize(1);

        store.resume(job.id());
        await().until(() -> store.getJob(job.id()).status() == JobStatus.COMPLETED);
    }

    @Test
    void a_lost_lease_stops_the_attempt_and_the_task_runs_again_under_auto_recovery() {
        Job job = submit(1, RecoveryPolicy.AUTO);
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> gated.started.size() == 1);
        String first = gated.started.iterator().next();

        store.releaseWorker("w1");

        await().atMost(Duration.ofSeconds(5)).until(() -> gated.stopped.contains(first));
        await().until(() -> gated.started.size() == 2);
        gated.gate.countDown();
        await().until(() -> store.getJob(job.id()).status() == JobStatus.COMPLETED_WITH_WARNINGS);
        Task t = store.tasksOf(job.id()).get(0);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("w1"));
    }

    @Test
    void the_leader_rescues_a_dead_workers_lease_and_runs_the_task() {
        Job job = submit(1, RecoveryPolicy.AUTO);
        Task orphan = store.claim("dead-worker", 1, Duration.ofMillis(500)).get(0);
        gated.gate.countDown();

        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.getJob(job.id()).status().isTerminal());
        Task rescued = store.findTask(orphan.id()).orElseThrow();
        assertThat(rescued.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(rescued.attempt()).isEqualTo(2);
        assertThat(rescued.warnings()).singleElement().asString().contains("dead-worker");
    }

    @Test
    void draining_stops_what_outlives_the_grace_period_and_hands_it_to_the_operator() {
        Job job = submit(2, RecoveryPolicy.MANUAL);
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> gated.started.size() == 1);

        boolean finished = pool.drain(Duration.ofMillis(200));

        assertThat(finished).isFalse();
        assertThat(gated.stopped).hasSize(1);
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.RECOVERY_REQUIRED);
        assertThat(store.tasksOf(job.id())).extracting(Task::status).containsOnly(TaskStatus.QUEUED);
    }

    @Test
    void a_worker_restarting_under_the_same_id_recovers_its_interrupted_tasks_at_once() {
        Job job = submit(1, RecoveryPolicy.MANUAL);
        store.claim("w1", 1, Duration.ofMinutes(10));

        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();

        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.RECOVERY_REQUIRED);
        assertThat(gated.started).isEmpty();
    }

    @Test
    void progress_is_coalesced_before_it_is_stored() {
        gated.progressBurst = 5_000;
        Job job = submit(1, RecoveryPolicy.MANUAL);
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> gated.started.size() == 1);
        await().until(() -> !store.eventsAfter(0, Set.of(job.id()), 1000).stream()
                .filter(e -> e.type().equals("task.progress")).toList().isEmpty());
        gated.gate.countDown();
        await().until(() -> store.getJob(job.id()).status() == JobStatus.COMPLETED);

        List<Event> progress = store.eventsAfter(0, Set.of(job.id()), 10_000).stream()
                .filter(e -> e.type().equals("task.progress")).toList();
        assertThat(progress).hasSizeBetween(1, 5);
        assertThat(progress.get(progress.size() - 1).payload()).contains("99.98");
    }

    @Test
    void a_task_of_an_unknown_kind_fails_with_a_reason_instead_of_hanging() {
        Job job = store.createJob(NewJob.of("x", List.of(NewTask.of("teleport", "a"))));
        pool = new WorkerPool(store, List.of(gated), fast("w1", 1)).start();
        await().until(() -> store.getJob(job.id()).status().isTerminal());
        assertThat(store.tasksOf(job.id()).get(0).failureReason()).contains("no executor for task kind 'teleport'");
    }
}
