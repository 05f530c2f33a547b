package dev.spool.api;

import dev.spool.store.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.spool.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthApiTest {
    @TempDir
    Path dir;

    @Test
    void once_a_token_exists_every_api_route_needs_one_and_viewers_can_only_read() throws Exception {
        try (ApiFixture api = ApiFixture.started(dir)) {
            assertThat(api.get("/api/v1/jobs").statusCode()).as("open while no token exists").isEqualTo(200);
            ApiTokens tokens = new ApiTokens(new TokenStore(api.store.database()));
            String operator = tokens.create("ops", TokenStore.Role.OPERATOR).token();
            String viewer = tokens.create("dash", TokenStore.Role.VIEWER).token();
            String jobId = api.latchedJob("a").id();

            HttpResponse<String> none = api.get("/api/v1/jobs");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(json(none).at("/error/code").asText()).isEqualTo("unauthorized");
            assertThat(as(api, operator + "x", "GET", "/api/v1/jobs").statusCode()).isEqualTo(401);
            assertThat(as(api, "spool_000000000000_guess", "GET", "/api/v1/jobs").statusCode()).isEqualTo(401);
            assertThat(as(api, viewer, "GET", "/api/v1/jobs").statusCode()).isEqualTo(200);
            HttpResponse<String> viewerWrite = as(api, viewer, "POST", "/api/v1/jobs/" + jobId + "/pause");
            assertThat(viewerWrite.statusCode()).isEqualTo(403);
            assertThat(json(viewerWrite).at("/error/message").asText()).contains("viewer");
            assertThat(as(api, operator, "POST", "/api/v1/jobs/" + jobId + "/pause").statusCode()).isEqualTo(200);
            assertThat(api.get("/jobs/" + jobId).statusCode()).as("seed aliases are protected too").isEqualTo(401);
            assertThat(api.get("/health").statusCode()).as("health is public by default").isEqualTo(200);
            assertThat(api.get("/metrics").statusCode()).isEqualTo(200);

            // event streams accept the token as a query parameter (EventSource cannot set headers)
            HttpResponse<String> sse = api.send(HttpRequest.newBuilder(api.uri("/api/v1/events?after=0&access_token=bad")).build());
            assertThat(sse.statusCode()).isEqualTo(401);
            try (SseClient ok = new SseClient(api.http, HttpRequest.newBuilder(api.uri("/api/v1/events?after=0&access_token=" + viewer)))) {
                assertThat(ok.status).isEqualTo(200);
                assertThat(ok.next(java.time.Duration.ofSeconds(10)).event()).isEqualTo("job.created");
            }
            assertThat(api.store.tasksOf(jobId)).isNotEmpty();
        }
    }

    @Test
    void health_and_metrics_can_be_made_private() {
        try (ApiFixture api = new ApiFixture(dir, s -> s.withPublicEndpoints(false, false)).start()) {
            api.operatorToken();
            assertThat(api.get("/metrics").statusCode()).isEqualTo(200);
            api.token = null;
            assertThat(api.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(api.get("/health").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void listening_beyond_loopback_without_a_token_is_refused_unless_insecure() {
        try (ApiFixture api = new ApiFixture(dir.resolve("a"), s -> s.withListen("0.0.0.0", 0))) {
            assertThatThrownBy(api::start).isInstanceOf(InsecureListenException.class).hasMessageContaining("--insecure");
        }
        try (ApiFixture api = new ApiFixture(dir.resolve("b"), s -> s.withListen("0.0.0.0", 0).withInsecure(true)).start()) {
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
        }
        try (ApiFixture api = new ApiFixture(dir.resolve("c"), s -> s.withListen("0.0.0.0", 0))) {
            api.operatorToken();
            api.start();
            assertThat(api.get("/api/v1/jobs").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void only_the_hash_of_a_token_is_stored() {
        try (ApiFixture api = ApiFixture.started(dir)) {
            TokenStore store = new TokenStore(api.store.database());
            ApiTokens.Created created = new ApiTokens(store).create("ci", TokenStore.Role.VIEWER);
            TokenStore.StoredToken stored = store.list().get(0);
            assertThat(stored.hash()).isNotEqualTo(created.token()).doesNotContain(created.token().substring(20));
            assertThat(new ApiTokens(store).verify(created.token())).isPresent();
            assertThatThrownBy(() -> new ApiTokens(store).create("ci", TokenStore.Role.OPERATOR))
                    .hasMessageContaining("already exists");
        }
    }

    private static HttpResponse<String> as(ApiFixture api, String token, String method, String path) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
