package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Event;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.store.JobStats;
import dev.spool.store.JobStore;
import dev.spool.store.WebhookStore;
import dev.spool.store.WorkerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prometheus metrics. Gauges (jobs and tasks by state, queue depth, busy worker slots) are read from the
 * store, at most once a second however often it is scraped; counters (tasks started/completed/failed,
 * encodes by encoder, webhook attempts by outcome) and distributions (task duration, encode fps) are
 * derived from the event stream and task results while this server runs, as Prometheus counters are.
 */
final class ApiMetrics {
    private static final Pattern HARDWARE = Pattern.compile("nvenc|qsv|vaapi|amf|videotoolbox|v4l2m2m");
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JobStore store;
    private final JobStats stats;
    private final WorkerRegistry workers;
    private final Clock clock;
    private final Timer taskDuration;
    private final DistributionSummary encodeFps;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant at, Map<JobStatus, Long> jobs, Map<TaskStatus, Long> tasks, long queueDepth,
                            long busySlots, long slots) {
    }

    ApiMetrics(JobStore store, JobStats stats, WorkerRegistry workers, Clock clock) {
        this.store = store;
        this.stats = stats;
        this.workers = workers;
        this.clock = clock;
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("spool.jobs", () -> snapshot().jobs().get(s)).description("Jobs by state")
                    .tag("state", s.name()).register(registry);
        }
        for (TaskStatus s : TaskStatus.values()) {
            Gauge.builder("spool.tasks", () -> snapshot().tasks().get(s)).description("Tasks by state")
                    .tag("state", s.name()).register(registry);
        }
        Gauge.builder("spool.queue.depth", () -> snapshot().queueDepth())
                .description("Queued tasks of running jobs").register(registry);
        Gauge.builder("spool.worker.slots.busy", () -> snapshot().busySlots())
                .description("Slots running a task, over registered workers").register(registry);
        Gauge.builder("spool.worker.slots", () -> snapshot().slots())
                .description("Slots of registered workers").register(registry);
        taskDuration = Timer.builder("spool.task.duration").description("Duration of finished task attempts")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(4)).register(registry);
        encodeFps = DistributionSummary.builder("spool.encode.fps").description("Encode speed reported by running tasks")
                .baseUnit("frames_per_second").register(registry);
        for (WebhookStore.Outcome o : WebhookStore.Outcome.values()) webhookCounter(o);
        for (String kind : List.of("started", "completed", "failed", "skipped", "requeued")) taskCounter(kind);
    }

    /** Feeds counters from a batch of stored events (called by the {@link EventHub}'s poller). */
    void onEvents(List<Event> events) {
        for (Event e : events) {
            switch (e.type()) {
                case "task.started", "task.skipped", "task.requeued" -> taskCounter(e.type().substring(5)).increment();
                case "task.completed", "task.failed" -> {
                    taskCounter(e.type().substring(5)).increment();
                    store.findTask(e.taskId()).ifPresent(this::finished);
                }
                case "task.progress" -> {
                    JsonNode p = Json.tree(e.payload());
                    if (p != null && p.path("fps").isNumber() && p.path("fps").asDouble() > 0) {
                        encodeFps.record(p.path("fps").asDouble());
                    }
                }
                default -> {
                }
            }
        }
    }

    void webhookAttempt(WebhookStore.Outcome outcome) {
        webhookCounter(outcome).increment();
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }

    private void finished(Task t) {
        if (t.startedAt() != null && t.finishedAt() != null) {
            taskDuration.record(Duration.between(t.startedAt(), t.finishedAt()));
        }
        JsonNode result = Json.tree(t.result());
        if (result == null) return;
        for (JsonNode o : result.path("outputs")) {
            String encoder = o.path("encoder").asText("");
            if (encoder.isEmpty()) continue;
            boolean hw = HARDWARE.matcher(encoder.toLowerCase(Locale.ROOT)).find();
            Counter.builder("spool.encodes").description("Outputs encoded, by encoder")
                    .tag("encoder", encoder).tag("hardware", String.valueOf(hw)).register(registry).increment();
        }
    }

    private Counter taskCounter(String kind) {
        return Counter.builder("spool.task.events").description("Task state changes seen by this server")
                .tag("kind", kind).register(registry);
    }

    private Counter webhookCounter(WebhookStore.Outcome outcome) {
        return Counter.builder("spool.webhook.deliveries").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && Duration.between(s.at(), now).compareTo(REFRESH) < 0) return s;
        long busy = 0;
        long slots = 0;
        for (WorkerRegistry.WorkerInfo w : workers.list()) {
            busy += w.currentTasks().size();
            slots += w.slots();
        }
        s = new Snapshot(now, stats.jobsByStatus(), stats.tasksByStatus(), stats.queueDepth(), busy, slots);
        snapshot = s;
        return s;
    }
}
