package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void every_registered_route_is_documented_and_every_documented_route_exists() {
        try (ApiFixture api = ApiFixture.started(dir)) {
            JsonNode doc = ApiFixture.json(api.get("/api/v1/openapi.json"));
            JsonNode paths = doc.path("paths");
            List<String> registered = new ArrayList<>();
            for (SpoolServer.Route r : api.server.routes()) {
                boolean ws = r.method().equals("WS");
                String key = r.path() + " " + (ws ? "get" : r.method().toLowerCase(Locale.ROOT));
                registered.add(key);
                JsonNode op = paths.path(r.path()).path(ws ? "get" : r.method().toLowerCase(Locale.ROOT));
                assertThat(op.isMissingNode()).as("%s %s is documented", r.method(), r.path()).isFalse();
                if (ws) assertThat(op.path("x-websocket").asBoolean()).as("%s is marked as a WebSocket", r.path()).isTrue();
            }
            List<String> documented = new ArrayList<>();
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(p.getKey() + " " + m)));
            assertThat(registered).containsExactlyInAnyOrderElementsOf(documented);
            assertThat(registered).contains("/api/v1/jobs post", "/api/v1/events get", "/api/v1/ws get");
        }
    }
}
