package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.spool.domain.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.spool.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhooksApiTest {
    static final String SECRET = "whsec-test-0123456789abcdef";

    @TempDir
    Path dir;
    HttpServer receiver;
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        WebhookSigner verifier = new WebhookSigner(SECRET);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long ts = Long.parseLong(ex.getRequestHeaders().getFirst("Spool-Timestamp"));
            boolean fresh = Math.abs(Instant.now().getEpochSecond() - ts) < 300;
            boolean signed = verifier.verify(ts, body, ex.getRequestHeaders().getFirst("Spool-Signature"));
            int n = calls.incrementAndGet();
            int status;
            if (!signed || !fresh) {
                badSignatures.incrementAndGet();
                status = 401;
            } else if (n <= 2) {
                status = 503; // the first attempts fail: the sender must retry
            } else {
                accepted.add(Json.MAPPER.readTree(body));
                status = 204;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void job_state_changes_are_signed_retried_with_backoff_and_every_attempt_is_visible() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mov"), "x");
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        PrintStream realOut = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (ApiFixture api = new ApiFixture(dir, s -> s.withWebhooks(SECRET, null, Duration.ofMillis(50), 5)).start()) {
            var res = api.post("/api/v1/jobs", "{\"sources\":[\"" + media.resolve("a.mov") + "\"],\"preset\":\"h264_540p_proxy\","
                    + "\"outputDir\":\"" + media.resolve("out") + "\",\"webhookUrl\":\"" + url + "\"}");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
            String jobId = json(res).path("id").asText();
            api.store.cancel(jobId);

            await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() == 3);
            assertThat(badSignatures).hasValue(0);
            // deliveries run in parallel and retries reorder them; receivers order by the event id in the body
            assertThat(accepted).extracting(e -> e.path("type").asText())
                    .containsExactlyInAnyOrder("job.created", "job.started", "job.cancelled");
            assertThat(accepted).allSatisfy(e -> assertThat(e.path("jobId").asText()).isEqualTo(jobId));

            await().untilAsserted(() -> {
                JsonNode items = json(api.get("/api/v1/jobs/" + jobId + "/webhooks")).path("items");
                assertThat(items).hasSize(3);
                assertThat(items).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("DELIVERED"));
                JsonNode attempts = items.get(0).path("attempts").size() > 1 ? items.get(0).path("attempts") : items.get(1).path("attempts");
                assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("REJECTED");
                assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(503);
            });
            int attempts = 0;
            for (JsonNode d : json(api.get("/api/v1/jobs/" + jobId + "/webhooks")).path("items")) attempts += d.path("attempts").size();
            assertThat(attempts).as("two failed attempts plus three deliveries").isEqualTo(5);
            assertThat(api.store.getJob(jobId).status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(api.get("/metrics").body()).contains("spool_webhook_deliveries_total{outcome=\"delivered\"} 3.0")
                    .contains("spool_webhook_deliveries_total{outcome=\"rejected\"} 2.0");
        } finally {
            System.setOut(realOut);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void webhook_signature_is_hmac_sha256_over_timestamp_dot_body() {
        WebhookSigner signer = new WebhookSigner(SECRET);
        String sig = signer.sign(1700000000L, "{\"a\":1}");
        assertThat(sig).startsWith("v1=").hasSize(3 + 64);
        assertThat(signer.verify(1700000000L, "{\"a\":1}", sig)).isTrue();
        assertThat(signer.verify(1700000001L, "{\"a\":1}", sig)).as("another timestamp").isFalse();
        assertThat(signer.verify(1700000000L, "{\"a\":2}", sig)).as("another body").isFalse();
        assertThat(WebhookDispatcher.backoff(Duration.ofSeconds(2), 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookDispatcher.backoff(Duration.ofSeconds(2), 4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(WebhookDispatcher.backoff(Duration.ofSeconds(2), 30)).isEqualTo(Duration.ofHours(1));
    }
}
