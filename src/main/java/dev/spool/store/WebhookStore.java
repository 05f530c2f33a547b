package dev.spool.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook subscriptions, deliveries and every delivery attempt. A delivery is one event for one URL and
 * is unique per (event, url), so enqueueing the same event twice does nothing. A delivery is PENDING until
 * an attempt succeeds (DELIVERED) or attempts run out (FAILED); attempt writes are guarded by the attempt
 * number, so two senders never both record one attempt.
 */
public final class WebhookStore {
    private static final String DISPATCH_CURSOR = "webhooks.dispatch";

    private final Database db;

    public WebhookStore(Database db) {
        this.db = db;
    }

    /** Delivery state. */
    public enum Status { PENDING, DELIVERED, FAILED }

    /** How one attempt ended: 2xx, another status, or no response at all. */
    public enum Outcome { DELIVERED, REJECTED, ERROR }

    /** An event to deliver to a URL. */
    public record NewDelivery(String jobId, long eventId, String eventType, String url, String payload) {
    }

    /** A stored delivery. */
    public record Delivery(long id, String jobId, long eventId, String eventType, String url, String payload,
                           Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                           Instant updatedAt) {
    }

    /** One recorded attempt. {@code statusCode} is null when no response came. */
    public record Attempt(long deliveryId, int attempt, Instant attemptedAt, Integer statusCode, Outcome outcome,
                          String error, long durationMs) {
    }

    /** Adds {@code url} to the job's subscriptions (idempotent). */
    public void subscribe(String jobId, String url) {
        db.write(tx -> tx.update("webhook.subscribe", Map.of("job_id", jobId, "url", url)));
    }

    /** Subscribed URLs per job id, for the given jobs. */
    public Map<String, List<String>> urlsFor(Collection<String> jobIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (jobIds.isEmpty()) return out;
        db.query(tx -> tx.query("webhook.urls_for_jobs", Map.of("job_ids", List.copyOf(jobIds)),
                rs -> out.computeIfAbsent(rs.getString("job_id"), k -> new ArrayList<>()).add(rs.getString("url"))));
        return out;
    }

    /**
     * Enqueues deliveries (duplicates of an (event, url) pair are ignored) and, when {@code cursor} is not
     * null, moves the dispatch cursor to it in the same transaction, so a crash never loses or repeats work.
     *
     * @return how many deliveries were new
     */
    public int enqueue(List<NewDelivery> deliveries, Long cursor) {
        return db.write(tx -> {
            int added = 0;
            if (!deliveries.isEmpty()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (NewDelivery d : deliveries) {
                    Map<String, Object> p = new HashMap<>();
                    p.put("job_id", d.jobId());
                    p.put("event_id", d.eventId());
                    p.put("event_type", d.eventType());
                    p.put("url", d.url());
                    p.put("payload", d.payload());
                    rows.add(p);
                }
                for (int n : tx.batch("webhook.enqueue", rows)) added += Math.max(n, 0);
            }
            if (cursor != null) tx.update("cursor.set", Map.of("name", DISPATCH_CURSOR, "last_id", cursor));
            return added;
        });
    }

    /** The last event id the dispatcher has turned into deliveries, or empty before its first run. */
    public java.util.Optional<Long> dispatchCursor() {
        return db.query(tx -> tx.one("cursor.get", Map.of("name", DISPATCH_CURSOR), rs -> rs.getLong("last_id")));
    }

    /** PENDING deliveries whose next attempt is due, oldest due first. */
    public List<Delivery> due(int limit) {
        return db.query(tx -> tx.query("webhook.due", Map.of("limit", limit), WebhookStore::delivery));
    }

    /**
     * Records attempt number {@code delivery.attempts() + 1} and the delivery's new state in one transaction.
     *
     * @param next when to try again (ignored unless {@code status} is PENDING)
     * @return false when another sender recorded this attempt first (nothing written)
     */
    public boolean recordAttempt(Delivery delivery, Integer statusCode, Outcome outcome, String error, long durationMs,
                                 Status status, Instant next) {
        int attempt = delivery.attempts() + 1;
        return db.write(tx -> {
            Map<String, Object> u = new HashMap<>();
            u.put("id", delivery.id());
            u.put("status", status);
            u.put("attempt", attempt);
            u.put("next_attempt_at", (next == null ? tx.now() : next).toEpochMilli());
            u.put("error", error);
            if (tx.update("webhook.after_attempt", u) == 0) return false;
            Map<String, Object> a = new HashMap<>();
            a.put("delivery_id", delivery.id());
            a.put("attempt", attempt);
            a.put("status_code", statusCode);
            a.put("outcome", outcome);
            a.put("error", error);
            a.put("duration_ms", durationMs);
            tx.update("webhook.record_attempt", a);
            return true;
        });
    }

    /** A job's deliveries in the order they were enqueued, each with its attempts. */
    public Map<Delivery, List<Attempt>> historyOf(String jobId) {
        return db.read(tx -> {
            Map<Long, List<Attempt>> attempts = new HashMap<>();
            for (Attempt a : tx.query("webhook.attempts_of_job", Map.of("job_id", jobId), WebhookStore::attempt)) {
                attempts.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>()).add(a);
            }
            Map<Delivery, List<Attempt>> out = new LinkedHashMap<>();
            for (Delivery d : tx.query("webhook.deliveries_of_job", Map.of("job_id", jobId), WebhookStore::delivery)) {
                out.put(d, attempts.getOrDefault(d.id(), List.of()));
            }
            return out;
        });
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("job_id"), rs.getLong("event_id"), rs.getString("event_type"),
                rs.getString("url"), rs.getString("payload"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")), rs.getString("last_error"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        int code = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new Attempt(rs.getLong("delivery_id"), rs.getInt("attempt"), Instant.ofEpochMilli(rs.getLong("attempted_at")),
                statusCode, Outcome.valueOf(rs.getString("outcome")), rs.getString("error"), rs.getLong("duration_ms"));
    }
}
