package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventsApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.started(dir).withWorker(1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Every stored event of the job except progress, in id order: what a client must see. */
    private List<Long> stateChangeIds(String jobId) {
        return api.store.eventsAfter(0, Set.of(jobId), 10_000).stream()
                .filter(e -> !e.type().equals("task.progress")).map(Event::id).toList();
    }

    @Test
    void an_sse_client_that_reconnects_with_its_last_event_id_gets_every_missed_change_once_in_order() throws Exception {
        Job job = api.latchedJob("c1", "c2", "c3");
        List<SseClient.Frame> received = new ArrayList<>();
        long lastId;
        try (SseClient sse = new SseClient(api.http, api.request("/api/v1/events?after=0&jobs=" + job.id()))) {
            assertThat(sse.status).isEqualTo(200);
            // receive until the first clip finished, then drop the connection mid-job
            api.executor.release("c1");
            SseClient.Frame f;
            do {
                f = sse.next(WAIT);
                received.add(f);
            } while (!(f.event().equals("task.completed")));
            lastId = f.id();
        }
        // while disconnected: the second clip finishes and the third starts
        api.executor.release("c2");
        await().until(() -> api.store.tasksOf(job.id()).get(1).status().isTerminal());

        try (SseClient sse = new SseClient(api.http, api.request("/api/v1/events?jobs=" + job.id())
                .header("Last-Event-ID", String.valueOf(lastId)))) {
            api.executor.release("c3");
            SseClient.Frame f;
            do {
                f = sse.next(WAIT);
                received.add(f);
            } while (!f.event().equals("job.completed"));
        }
        assertThat(api.store.getJob(job.id()).status()).isEqualTo(JobStatus.COMPLETED);

        List<Long> ids = received.stream().filter(f -> !f.event().equals("task.progress")).map(SseClient.Frame::id).toList();
        assertThat(ids).as("every state change exactly once, in order").containsExactlyElementsOf(stateChangeIds(job.id()));
        assertThat(received.stream().map(SseClient.Frame::id).toList()).doesNotHaveDuplicates().isSorted();
        JsonNode data = Json.MAPPER.readTree(received.get(received.size() - 1).data());
        assertThat(data.path("jobId").asText()).isEqualTo(job.id());
        assertThat(data.path("type").asText()).isEqualTo("job.completed");
    }

    @Test
    void a_websocket_client_resumes_from_an_id_and_only_sees_the_jobs_it_subscribed_to() throws Exception {
        Job other = api.latchedJob("noise");
        Job job = api.latchedJob("w1", "w2");
        WsClient ws = WsClient.connect(api, "/api/v1/ws?after=0&jobs=" + job.id());
        JsonNode ack = ws.next();
        assertThat(ack.path("type").asText()).isEqualTo("subscribed");
        api.executor.release("noise");
        api.executor.release("w1");
        List<JsonNode> received = new ArrayList<>();
        JsonNode m;
        do {
            m = ws.next();
            received.add(m);
        } while (!m.path("type").asText().equals("task.completed"));
        long lastId = m.path("id").asLong();
        ws.close();

        api.executor.release("w2");
        await().until(() -> api.store.getJob(job.id()).status() == JobStatus.COMPLETED);

        WsClient again = WsClient.connect(api, "/api/v1/ws");
        again.next(); // subscribed from now
        again.send("{\"type\":\"subscribe\",\"jobIds\":[\"" + job.id() + "\"],\"after\":" + lastId + "}");
        assertThat(again.next().path("type").asText()).isEqualTo("subscribed");
        do {
            m = again.next();
            received.add(m);
        } while (!m.path("type").asText().equals("job.completed"));
        again.send("{\"type\":\"ping\"}");
        JsonNode pong;
        do {
            pong = again.next();
        } while (!pong.path("type").asText().equals("pong"));
        again.close();

        assertThat(received).allSatisfy(e -> assertThat(e.path("jobId").asText()).isEqualTo(job.id()));
        List<Long> ids = received.stream().filter(e -> !e.path("type").asText().equals("task.progress"))
                .map(e -> e.path("id").asLong()).toList();
        assertThat(ids).containsExactlyElementsOf(stateChangeIds(job.id()));
        assertThat(other.id()).isNotEqualTo(job.id());
    }

    @Test
    void a_bad_last_event_id_is_a_400() {
        var res = api.send(api.request("/api/v1/events").header("Last-Event-ID", "yesterday").GET().build());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("Last-Event-ID");
    }

    @Test
    void a_client_that_does_not_ask_for_an_event_stream_is_told_how_instead_of_getting_an_empty_200() {
        var res = api.send(api.request("/api/v1/events").GET().build());
        assertThat(res.statusCode()).isEqualTo(406);
        assertThat(res.body()).contains("not_acceptable").contains("Accept: text/event-stream");
    }

    /** A real java.net.http WebSocket collecting JSON messages. */
    static final class WsClient implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static WsClient connect(ApiFixture api, String path) throws Exception {
            WsClient c = new WsClient();
            URI uri = URI.create(api.server.baseUri().toString().replace("http://", "ws://") + path);
            WebSocket.Builder b = api.http.newWebSocketBuilder();
            if (api.token != null) b.header("Authorization", "Bearer " + api.token);
            c.socket = b.buildAsync(uri, c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) throw new AssertionError("no WebSocket message within " + WAIT);
            return m;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
