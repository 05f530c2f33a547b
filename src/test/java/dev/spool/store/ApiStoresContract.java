package dev.spool.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of the stores the API adds (tokens, webhooks, workers, stats); runs on SQLite and PostgreSQL. */
abstract class ApiStoresContract {
    protected abstract String freshDatabaseUrl();

    protected void dropDatabase(String url) {
    }

    String url;
    SqlJobStore jobs;
    Database db;

    @BeforeEach
    void open() {
        url = freshDatabaseUrl();
        jobs = SqlJobStore.open(url, Clock.systemUTC());
        db = jobs.database();
    }

    @AfterEach
    void close() {
        jobs.close();
        dropDatabase(url);
    }

    @Test
    void tokens_are_found_by_id_and_names_are_unique() {
        TokenStore tokens = new TokenStore(db);
        assertThat(tokens.any()).isFalse();
        tokens.insert("abc", "ci", TokenStore.Role.VIEWER, "00ff");
        assertThat(tokens.any()).isTrue();
        assertThat(tokens.findById("abc")).hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(TokenStore.Role.VIEWER));
        assertThatThrownBy(() -> tokens.insert("def", "ci", TokenStore.Role.OPERATOR, "11")).hasMessageContaining("already exists");
        assertThat(tokens.revoke("ci")).isTrue();
        assertThat(tokens.any()).isFalse();
    }

    @Test
    void a_delivery_is_enqueued_once_per_event_and_url_and_attempts_are_fenced() {
        WebhookStore hooks = new WebhookStore(db);
        String jobId = jobs.createJob(dev.spool.domain.NewJob.of("j", List.of(dev.spool.domain.NewTask.of("k", "s")))).id();
        hooks.subscribe(jobId, "http://a/hook");
        hooks.subscribe(jobId, "http://a/hook");
        assertThat(hooks.urlsFor(Set.of(jobId))).isEqualTo(Map.of(jobId, List.of("http://a/hook")));
        WebhookStore.NewDelivery d = new WebhookStore.NewDelivery(jobId, 7, "job.started", "http://a/hook", "{}");
        hooks.enqueue(List.of(d), 7L);
        hooks.enqueue(List.of(d), null);
        assertThat(hooks.dispatchCursor()).hasValue(7L);
        List<WebhookStore.Delivery> due = hooks.due(10);
        assertThat(due).hasSize(1);
        WebhookStore.Delivery first = due.get(0);
        assertThat(hooks.recordAttempt(first, 503, WebhookStore.Outcome.REJECTED, "HTTP 503", 5,
                WebhookStore.Status.PENDING, Instant.now().plusSeconds(60))).isTrue();
        assertThat(hooks.recordAttempt(first, 200, WebhookStore.Outcome.DELIVERED, null, 5,
                WebhookStore.Status.DELIVERED, null)).as("a stale copy cannot record attempt 1 again").isFalse();
        assertThat(hooks.due(10)).as("not due before its backoff").isEmpty();
        Map<WebhookStore.Delivery, List<WebhookStore.Attempt>> history = hooks.historyOf(jobId);
        assertThat(history.values().iterator().next()).singleElement()
                .satisfies(a -> assertThat(a.statusCode()).isEqualTo(503));
    }

    @Test
    void workers_register_heartbeat_and_deregister() {
        WorkerRegistry workers = new WorkerRegistry(db);
        workers.register("w1", "host", 4);
        assertThat(workers.heartbeat("w1", List.of("b", "a"))).isTrue();
        assertThat(workers.heartbeat("nobody", List.of())).isFalse();
        assertThat(workers.list()).singleElement().satisfies(w -> {
            assertThat(w.currentTasks()).containsExactly("a", "b");
            assertThat(w.slots()).isEqualTo(4);
        });
        workers.deregister("w1");
        assertThat(workers.list()).isEmpty();
    }

    @Test
    void stats_count_by_state_and_list_active_jobs() {
        String id = jobs.createJob(dev.spool.domain.NewJob.of("j", List.of(dev.spool.domain.NewTask.of("k", "s")))).id();
        JobStats stats = new JobStats(db);
        assertThat(stats.jobsByStatus().get(dev.spool.domain.JobStatus.RUNNING)).isEqualTo(1L);
        assertThat(stats.tasksByStatus().get(dev.spool.domain.TaskStatus.QUEUED)).isEqualTo(1L);
        assertThat(stats.queueDepth()).isEqualTo(1L);
        assertThat(stats.activeJobIds(10)).containsExactly(id);
        jobs.cancel(id);
        assertThat(stats.activeJobIds(10)).isEmpty();
        assertThat(stats.recentJobIds(Instant.now().minusSeconds(60), 10)).containsExactly(id);
    }
}
