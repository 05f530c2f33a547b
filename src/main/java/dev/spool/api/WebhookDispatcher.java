package dev.spool.api;

import dev.spool.Version;
import dev.spool.domain.Event;
import dev.spool.store.JobStore;
import dev.spool.store.WebhookStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers job state changes to webhook URLs (each job's own, plus the server-wide default), signed with
 * {@link WebhookSigner}. Work is durable: a persisted cursor turns stored events into stored deliveries in
 * one transaction, and each delivery is retried with exponential backoff until a 2xx or the attempt limit;
 * every attempt is recorded. Only the node holding the {@code webhooks} leadership dispatches, so several
 * API nodes never send the same delivery twice.
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String LEADERSHIP = "webhooks";
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int MAX_PARALLEL = 4;

    private final JobStore store;
    private final WebhookStore hooks;
    private final ApiSettings settings;
    private final Clock clock;
    private final String nodeId;
    private final WebhookSigner signer;
    private final Consumer<WebhookStore.Outcome> onAttempt;
    private final HttpClient http;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "spool-webhooks"));
    private final ExecutorService senders = Executors.newFixedThreadPool(MAX_PARALLEL, r -> daemon(r, "spool-webhook-send"));
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private long cursor = -1;

    WebhookDispatcher(JobStore store, WebhookStore hooks, ApiSettings settings, Clock clock, String nodeId,
                      Consumer<WebhookStore.Outcome> onAttempt) {
        this.store = store;
        this.hooks = hooks;
        this.settings = settings;
        this.clock = clock;
        this.nodeId = nodeId;
        this.signer = settings.webhookSecret() == null ? null : new WebhookSigner(settings.webhookSecret());
        this.onAttempt = onAttempt;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Job-level events that are state changes (what receivers are told about). */
    static boolean isStateChange(Event e) {
        return e.taskId() == null && e.type().startsWith("job.") && !e.type().equals("job.reports");
    }

    void start() {
        if (signer == null) return;
        long every = Math.max(20, Math.min(200, settings.webhookRetryBase().toMillis() / 2));
        loop.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Subscribes {@code url} to a job's state changes, including those that already happened (the job was
     * created a moment before its subscription): they are enqueued now; duplicates are ignored by the store.
     */
    void subscribe(String jobId, String url) {
        hooks.subscribe(jobId, url);
        List<WebhookStore.NewDelivery> backfill = new ArrayList<>();
        for (Event e : store.eventsAfter(0, Set.of(jobId), 1000)) {
            if (isStateChange(e)) backfill.add(delivery(e, url));
        }
        hooks.enqueue(backfill, null);
    }

    private void tick() {
        try {
            if (!store.tryLead(LEADERSHIP, nodeId, Duration.ofSeconds(15))) return;
            enqueueNewEvents();
            for (WebhookStore.Delivery d : hooks.due(50)) {
                if (inFlight.size() >= MAX_PARALLEL * 4) break;
                if (inFlight.add(d.id())) {
                    senders.execute(() -> {
                        try {
                            attempt(d);
                        } finally {
                            inFlight.remove(d.id());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.warn("webhook dispatch failed (will retry): {}", e.getMessage());
        }
    }

    private void enqueueNewEvents() {
        if (cursor < 0) {
            cursor = hooks.dispatchCursor().orElseGet(store::lastEventId);
            hooks.enqueue(List.of(), cursor);
        }
        while (true) {
            List<Event> batch = store.eventsAfter(cursor, Set.of(), 500);
            if (batch.isEmpty()) return;
            List<Event> changes = batch.stream().filter(WebhookDispatcher::isStateChange).toList();
            Set<String> jobIds = new LinkedHashSet<>();
            changes.forEach(e -> jobIds.add(e.jobId()));
            Map<String, List<String>> urls = hooks.urlsFor(jobIds);
            List<WebhookStore.NewDelivery> out = new ArrayList<>();
            for (Event e : changes) {
                for (String url : urls.getOrDefault(e.jobId(), List.of())) out.add(delivery(e, url));
                if (settings.defaultWebhookUrl() != null) out.add(delivery(e, settings.defaultWebhookUrl()));
            }
            long last = batch.get(batch.size() - 1).id();
            hooks.enqueue(out, last);
            cursor = last;
            if (batch.size() < 500) return;
        }
    }

    private static WebhookStore.NewDelivery delivery(Event e, String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("type", e.type());
        body.put("jobId", e.jobId());
        body.put("time", e.time());
        body.put("data", Json.tree(e.payload()));
        return new WebhookStore.NewDelivery(e.jobId(), e.id(), e.type(), url, Json.write(body));
    }

    private void attempt(WebhookStore.Delivery d) {
        int attempt = d.attempts() + 1;
        long ts = clock.instant().getEpochSecond();
        long started = System.nanoTime();
        Integer code = null;
        String error = null;
        WebhookStore.Outcome outcome;
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(settings.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "spool/" + Version.get())
                    .header("Spool-Event", d.eventType())
                    .header("Spool-Delivery", String.valueOf(d.id()))
                    .header(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(ts))
                    .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(ts, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                    .build();
            HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
            code = res.statusCode();
            outcome = code / 100 == 2 ? WebhookStore.Outcome.DELIVERED : WebhookStore.Outcome.REJECTED;
            if (outcome != WebhookStore.Outcome.DELIVERED) error = "receiver answered HTTP " + code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = WebhookStore.Outcome.ERROR;
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        WebhookStore.Status status;
        Instant next = null;
        if (outcome == WebhookStore.Outcome.DELIVERED) {
            status = WebhookStore.Status.DELIVERED;
        } else if (attempt >= settings.webhookMaxAttempts()) {
            status = WebhookStore.Status.FAILED;
            log.warn("webhook delivery {} of event {} to {} failed after {} attempts: {}", d.id(), d.eventId(),
                    URI.create(d.url()).getHost(), attempt, error);
        } else {
            status = WebhookStore.Status.PENDING;
            next = clock.instant().plus(backoff(settings.webhookRetryBase(), attempt));
        }
        if (hooks.recordAttempt(d, code, outcome, error, ms, status, next)) onAttempt.accept(outcome);
    }

    /** base × 2^(attempt-1), capped at an hour. */
    static Duration backoff(Duration base, int attempt) {
        Duration d = base.multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        senders.shutdownNow();
        try {
            store.releaseLead(LEADERSHIP, nodeId);
        } catch (RuntimeException ignored) {
            // the lease lapses on its own
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
