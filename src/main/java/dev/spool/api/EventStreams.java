package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.Task;
import dev.spool.store.JobStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Live events over SSE ({@code /api/v1/events}) and WebSocket ({@code /api/v1/ws}), both resumable from an
 * event id, plus the seed-compatible WebSocket {@code /events} that announces finished jobs with artifact URLs.
 *
 * <p>Wire format of one event (SSE {@code data:} and WebSocket message alike):
 * {@code {"id":123,"type":"task.progress","jobId":"…","taskId":"…","time":"…","data":{…}}}. SSE also sets
 * {@code id:} and {@code event:} so EventSource resumes by itself with {@code Last-Event-ID}.
 */
final class EventStreams {
    private final EventHub hub;
    private final JobStore store;
    private final JobViews views;
    private final long pingMillis;
    private final Map<String, EventHub.Subscription> wsSubscriptions = new ConcurrentHashMap<>();

    EventStreams(EventHub hub, JobStore store, JobViews views, long pingMillis) {
        this.hub = hub;
        this.store = store;
        this.views = views;
        this.pingMillis = pingMillis;
    }

    void register(Javalin app) {
        app.get(JobRoutes.V1 + "/events", this::sse);
        app.ws(JobRoutes.V1 + "/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(pingMillis, TimeUnit.MILLISECONDS, null);
                Long after = after(null, ctx.queryParam("after"));
                Set<String> jobs = jobIds(ctx.queryParam("jobs"));
                subscribeWs(ctx, after, jobs, false);
            });
            ws.onMessage(ctx -> onWsMessage(ctx, ctx.message()));
            ws.onClose(ctx -> closeWs(ctx.sessionId()));
            ws.onError(ctx -> closeWs(ctx.sessionId()));
        });
        app.ws("/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(pingMillis, TimeUnit.MILLISECONDS, null);
                subscribeWs(ctx, after(null, ctx.queryParam("after")), jobIds(ctx.queryParam("jobs")), true);
            });
            ws.onClose(ctx -> closeWs(ctx.sessionId()));
            ws.onError(ctx -> closeWs(ctx.sessionId()));
        });
    }

    /** One event as sent to clients. */
    static Map<String, Object> wire(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type());
        m.put("jobId", e.jobId());
        m.put("taskId", e.taskId());
        m.put("time", e.time());
        m.put("data", Json.tree(e.payload()));
        return m;
    }

    private void sse(Context ctx) {
        Long after = after(ctx.header("Last-Event-ID"), ctx.queryParam("after"));
        Set<String> jobs = jobIds(ctx.queryParam("jobs"));
        // Javalin streams only when Accept is exactly text/event-stream (what EventSource sends); anything
        // else would get an empty 200, so say what to send instead.
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiError(406, "not_acceptable", "this is a Server-Sent Events stream: send the header "
                    + "'Accept: text/event-stream' (curl -N -H 'Accept: text/event-stream' ...)", Map.of());
        }
        new SseHandler(0, client -> {
            client.keepAlive();
            EventHub.Subscription s = hub.subscribe(after, jobs, new SseSink(client));
            client.onClose(s::close);
        }).handle(ctx);
    }

    private static final class SseSink implements EventHub.Sink {
        private final SseClient client;

        SseSink(SseClient client) {
            this.client = client;
        }

        @Override
        public void send(Event e) throws IOException {
            if (client.terminated()) throw new IOException("client went away");
            client.sendEvent(e.type(), Json.write(wire(e)), String.valueOf(e.id()));
        }

        @Override
        public void ping() {
            client.sendComment("ping");
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Messages a WebSocket client may send. */
    record WsRequest(String type, List<String> jobIds, Long after) {
    }

    private void onWsMessage(WsContext ctx, String message) {
        WsRequest req;
        try {
            req = Json.MAPPER.readValue(message, WsRequest.class);
        } catch (IOException e) {
            sendWs(ctx, Map.of("type", "error", "message", "messages must be JSON like "
                    + "{\"type\":\"subscribe\",\"jobIds\":[],\"after\":0} or {\"type\":\"ping\"}"));
            return;
        }
        if ("ping".equals(req.type())) {
            sendWs(ctx, Map.of("type", "pong"));
        } else if ("subscribe".equals(req.type())) {
            EventHub.Subscription previous = wsSubscriptions.remove(ctx.sessionId());
            if (previous != null) previous.detach();
            subscribeWs(ctx, req.after(), req.jobIds() == null ? Set.of() : new LinkedHashSet<>(req.jobIds()), false);
        } else {
            sendWs(ctx, Map.of("type", "error", "message", "unknown message type '" + req.type()
                    + "'; use 'subscribe' or 'ping'"));
        }
    }

    private void subscribeWs(WsContext ctx, Long after, Set<String> jobs, boolean seedFormat) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "subscribed");
        ack.put("jobIds", jobs);
        ack.put("after", after != null ? after : hub.lastId());
        sendWs(ctx, ack);
        EventHub.Sink sink = seedFormat ? new SeedSink(ctx) : new WsSink(ctx);
        wsSubscriptions.put(ctx.sessionId(), hub.subscribe(after, jobs, sink));
    }

    private void closeWs(String sessionId) {
        EventHub.Subscription s = wsSubscriptions.remove(sessionId);
        if (s != null) s.close();
    }

    /** Jetty allows one blocking send at a time per session; the hub and message handlers both send. */
    private static void sendWs(WsContext ctx, Object message) {
        String text = message instanceof String s ? s : Json.write(message);
        synchronized (ctx.session) {
            ctx.send(text);
        }
    }

    private static class WsSink implements EventHub.Sink {
        final WsContext ctx;

        WsSink(WsContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void send(Event e) {
            if (!ctx.session.isOpen()) throw new IllegalStateException("session closed");
            sendWs(ctx, wire(e));
        }

        @Override
        public void ping() {
            // Javalin's automatic pings keep the connection alive
        }

        @Override
        public void close() {
            if (ctx.session.isOpen()) ctx.closeSession();
        }
    }

    /**
     * Seed 000's desktop app: it listens for {@code job_completed} with artifact URLs it downloads. Sends one
     * message per finished job: {@code job_completed}, {@code job_failed} or {@code job_cancelled}.
     */
    private final class SeedSink extends WsSink {
        SeedSink(WsContext ctx) {
            super(ctx);
        }

        @Override
        public void send(Event e) {
            String type = switch (e.type()) {
                case "job.completed", "job.completed_with_warnings" -> "job_completed";
                case "job.failed" -> "job_failed";
                case "job.cancelled" -> "job_cancelled";
                default -> null;
            };
            if (type == null || e.taskId() != null) return;
            if (!ctx.session.isOpen()) throw new IllegalStateException("session closed");
            Job job = store.getJob(e.jobId());
            List<Map<String, Object>> artifacts = new ArrayList<>();
            for (Task t : store.tasksOf(job.id())) {
                for (JobViews.OutputView o : views.outputs(job.id(), t)) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("name", o.name());
                    a.put("url", "/jobs/" + job.id() + "/artifacts/" + t.id() + "/" + o.index());
                    a.put("sizeBytes", o.sizeBytes());
                    a.put("container", o.container());
                    artifacts.add(a);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("event_id", e.id());
            m.put("job_id", job.id());
            m.put("status", job.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("artifacts", artifacts);
            JsonNode data = Json.tree(e.payload());
            if (data != null && data.hasNonNull("reason")) m.put("reason", data.get("reason").asText());
            sendWs(ctx, m);
        }
    }

    /** {@code Last-Event-ID} wins over {@code ?after=}; neither means "from now on". */
    static Long after(String lastEventId, String afterParam) {
        String v = lastEventId != null && !lastEventId.isBlank() ? lastEventId : afterParam;
        if (v == null || v.isBlank()) return null;
        try {
            long id = Long.parseLong(v.trim());
            if (id < 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw ApiError.invalidField(lastEventId != null ? "Last-Event-ID" : "after",
                    "an event id is a whole number of 0 or more, got '" + v + "'");
        }
    }

    static Set<String> jobIds(String param) {
        if (param == null || param.isBlank()) return Set.of();
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(param.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
