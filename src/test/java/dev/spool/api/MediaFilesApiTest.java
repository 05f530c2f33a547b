package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's file browser and uploads: only inside the roots, types by magic bytes, size-limited. */
class MediaFilesApiTest {
    @TempDir
    Path dir;
    dev.spool.store.SqlJobStore store;

    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    SpoolServer server(List<Path> roots, long maxUpload) {
        ApiSettings s = ApiSettings.defaults().withListen("127.0.0.1", 0).withMediaRoots(roots);
        store = dev.spool.store.SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), java.time.Clock.systemUTC());
        return SpoolServer.builder(store).settings(s).dataDir(dir.resolve("data")).maxUploadBytes(maxUpload).build().start();
    }

    static HttpResponse<String> send(SpoolServer server, HttpRequest.Builder b) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(b.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(SpoolServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(server.baseUri().resolve(path)).GET());
    }

    static HttpResponse<String> upload(SpoolServer server, String name, byte[] body) throws Exception {
        return send(server, HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/uploads?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static String q(Path p) {
        return URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void browsing_stays_inside_the_media_roots_even_through_symlinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("media/card"));
        Files.writeString(root.resolve("A001.mov"), "x");
        Files.createSymbolicLink(root.resolve("escape"), dir);
        try (SpoolServer server = server(List.of(dir.resolve("media")), 1 << 20)) {
            JsonNode roots = Json.MAPPER.readTree(get(server, "/api/v1/fs").body());
            assertThat(roots.path("entries").findValuesAsText("path")).contains(dir.resolve("media").toString(),
                    dir.resolve("data/uploads").toString());
            JsonNode card = Json.MAPPER.readTree(get(server, "/api/v1/fs?path=" + q(root)).body());
            assertThat(card.path("entries").findValuesAsText("name")).contains("A001.mov");
            assertThat(get(server, "/api/v1/fs?path=" + q(dir)).statusCode()).isEqualTo(403);
            assertThat(get(server, "/api/v1/fs?path=" + q(root.resolve("escape"))).statusCode()).isEqualTo(403);
            assertThat(get(server, "/api/v1/fs?path=" + q(root.resolve("../../"))).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void without_roots_only_the_data_directorys_media_folder_is_browsable() throws Exception {
        try (SpoolServer server = server(List.of(), 1 << 20)) {
            JsonNode roots = Json.MAPPER.readTree(get(server, "/api/v1/fs").body());
            assertThat(roots.path("entries").findValuesAsText("path")).containsExactly(dir.resolve("data/media").toString(),
                    dir.resolve("data/uploads").toString());
            assertThat(get(server, "/api/v1/fs?path=" + q(Path.of("/"))).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void uploads_are_typed_by_their_bytes_limited_in_size_and_usable_as_sources() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.h264LongGop());
        try (SpoolServer server = server(List.of(Files.createDirectories(dir.resolve("media"))), clip.length + 10)) {
            HttpResponse<String> ok = upload(server, "../A001.mp4", clip);
            assertThat(ok.statusCode()).isEqualTo(201);
            JsonNode stored = Json.MAPPER.readTree(ok.body());
            Path path = Path.of(stored.path("path").asText());
            assertThat(path).startsWith(dir.resolve("data/uploads")).hasFileName("A001.mp4");
            assertThat(Files.size(path)).isEqualTo(clip.length);
            assertThat(stored.path("type").asText()).isEqualTo("MP4/MOV");

            HttpResponse<String> text = upload(server, "notes.mov", "just text, not a movie".getBytes(StandardCharsets.UTF_8));
            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(text.body()).contains("\"field\":\"file\"");
            assertThat(upload(server, "big.mp4", new byte[clip.length + 11]).statusCode()).isEqualTo(413);
            try (var files = Files.walk(dir.resolve("data/uploads"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(path);
            }

            // an upload is an allowed source although it lies outside the media roots
            HttpResponse<String> job = send(server, HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sources\":[\"" + path + "\"],\"preset\":\"h264_540p_proxy\",\"outputDir\":\""
                                    + dir.resolve("media/out") + "\",\"start\":false}")));
            assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
            assertThat(Json.MAPPER.readTree(job.body()).path("controls").toString()).contains("cancel", "rebind");
        }
    }
}
