package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/watch-folders} over real HTTP against a real SQLite file. */
class WatchFoldersApiTest {
    @TempDir
    Path dir;

    @Test
    void create_list_show_edit_pause_resume_and_delete() throws Exception {
        Path in = Files.createDirectories(dir.resolve("card"));
        try (ApiFixture api = ApiFixture.started(dir)) {
            HttpResponse<String> created = api.post("/api/v1/watch-folders", """
                    {"path":"%s","preset":"h264_540p_proxy","outputDir":"%s","recursive":true,"extensions":["mov"]}"""
                    .formatted(in, dir.resolve("proxies")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode f = ApiFixture.json(created);
            String id = f.get("id").asText();
            assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/watch-folders/" + id);
            assertThat(f.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(f.get("autoExecute").asBoolean()).isFalse();
            assertThat(f.get("stableSeconds").asInt()).isEqualTo(10);
            assertThat(f.get("statusReason").isNull()).isTrue();

            assertThat(ApiFixture.json(api.get("/api/v1/watch-folders")).get("items")).hasSize(1);
            assertThat(ApiFixture.json(api.get("/api/v1/watch-folders/" + id)).get("path").asText()).isEqualTo(in.toString());

            HttpResponse<String> patched = api.send(api.request("/api/v1/watch-folders/" + id)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"autoExecute\":true,\"maxActiveJobs\":3}")).build());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(ApiFixture.json(patched).get("autoExecute").asBoolean()).isTrue();
            assertThat(ApiFixture.json(patched).get("maxActiveJobs").asInt()).isEqualTo(3);
            assertThat(ApiFixture.json(patched).get("preset").asText()).as("unchanged").isEqualTo("h264_540p_proxy");

            JsonNode paused = ApiFixture.json(api.post("/api/v1/watch-folders/" + id + "/pause", ""));
            assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
            assertThat(paused.get("statusReason").asText()).contains("paused");
            assertThat(ApiFixture.json(api.post("/api/v1/watch-folders/" + id + "/resume", "")).get("status").asText())
                    .isEqualTo("ACTIVE");
            assertThat(ApiFixture.json(api.get("/api/v1/watch-folders/" + id + "/jobs")).get("items")).isEmpty();

            HttpResponse<String> deleted = api.send(api.request("/api/v1/watch-folders/" + id).DELETE().build());
            assertThat(deleted.statusCode()).isEqualTo(204);
            HttpResponse<String> missing = api.get("/api/v1/watch-folders/" + id);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(ApiFixture.json(missing).at("/error/code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void bad_input_is_a_4xx_naming_the_field() throws Exception {
        Path in = Files.createDirectories(dir.resolve("card"));
        String out = dir.resolve("out").toString();
        try (ApiFixture api = ApiFixture.started(dir)) {
            record Case(String body, int status, String field) {
            }
            for (Case c : List.of(
                    new Case("{\"path\":\"%s\",\"outputDir\":\"%s\"}".formatted(in, out), 400, "preset"),
                    new Case("{\"path\":\"%s\",\"preset\":\"nope\",\"outputDir\":\"%s\"}".formatted(in, out), 400, "preset"),
                    new Case("{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\"}".formatted(in), 400, "outputDir"),
                    new Case("{\"path\":\"%s/nope\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\"}".formatted(in, out), 400, "path"),
                    new Case("{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\",\"stableSeconds\":0}".formatted(in, out), 400, "stableSeconds"),
                    new Case("{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\",\"stableSeconds\":\"x\"}".formatted(in, out), 400, "stableSeconds"),
                    new Case("{\"path\":\"%s\",\"action\":\"burn\",\"outputDir\":\"%s\"}".formatted(in, out), 400, "action"),
                    new Case("{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\",\"extensions\":[\"mov\",\"../x\"]}".formatted(in, out), 400, "extensions[1]"),
                    new Case("{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\",\"colour\":1}".formatted(in, out), 400, "colour"))) {
                HttpResponse<String> res = api.post("/api/v1/watch-folders", c.body());
                assertThat(res.statusCode()).as(c.body() + " -> " + res.body()).isEqualTo(c.status());
                assertThat(ApiFixture.json(res).at("/error/details/field").asText()).as(res.body()).isEqualTo(c.field());
            }
            String ok = "{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\"}".formatted(in, out);
            assertThat(api.post("/api/v1/watch-folders", ok).statusCode()).isEqualTo(201);
            HttpResponse<String> dup = api.post("/api/v1/watch-folders", ok);
            assertThat(dup.statusCode()).isEqualTo(409);
            assertThat(ApiFixture.json(dup).at("/error/code").asText()).isEqualTo("watch_folder_exists");
            HttpResponse<String> badLimit = api.get("/api/v1/watch-folders/x/jobs?limit=0");
            assertThat(badLimit.statusCode()).isEqualTo(400);
            assertThat(ApiFixture.json(badLimit).at("/error/details/field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void viewers_may_read_but_not_change_watch_folders() throws Exception {
        Path in = Files.createDirectories(dir.resolve("card"));
        try (ApiFixture api = ApiFixture.started(dir)) {
            api.token = new ApiTokens(new dev.spool.store.TokenStore(api.store.database()))
                    .create("viewer", dev.spool.store.TokenStore.Role.VIEWER).token();
            assertThat(api.get("/api/v1/watch-folders").statusCode()).isEqualTo(200);
            HttpResponse<String> res = api.post("/api/v1/watch-folders", "{\"path\":\"%s\",\"preset\":\"h264_540p_proxy\",\"outputDir\":\"%s\"}"
                    .formatted(in, dir.resolve("out")));
            assertThat(res.statusCode()).isEqualTo(403);
        }
    }
}
