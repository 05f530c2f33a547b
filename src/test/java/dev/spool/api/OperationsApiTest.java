package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.spool.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/v1/jobs with {@code tasks}: accepted with dependencies, refused with the offending field named. */
class OperationsApiTest {
    @TempDir
    Path dir;
    Path media;
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mp4"), "clip a");
        Files.writeString(media.resolve("b.mp4"), "clip b");
        api = new ApiFixture(dir, s -> s.withMediaRoots(List.of(media))).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    String job(String tasks) {
        return "{\"outputDir\":\"" + media.resolve("out") + "\",\"tasks\":[" + tasks + "]}";
    }

    String field(String body) {
        HttpResponse<String> res = api.post("/api/v1/jobs", body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        return json(res).at("/error/details/field").asText();
    }

    @Test
    void a_job_of_operations_is_created_with_dependencies_from_task_references() {
        HttpResponse<String> res = api.post("/api/v1/jobs", job(
                "{\"kind\":\"ingest\",\"url\":\"https://media.example/clips/a.mp4\"},"
                        + "{\"kind\":\"transcode\",\"input\":{\"fromTask\":0},\"preset\":\"h264_540p_proxy\"},"
                        + "{\"kind\":\"concat\",\"inputs\":[\"" + media.resolve("a.mp4") + "\",{\"fromTask\":0}],"
                        + "\"transition\":\"dissolve\",\"transitionSeconds\":0.5}"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        JsonNode job = json(res);
        assertThat(job.path("tasks")).extracting(t -> t.path("kind").asText())
                .containsExactly("ingest", "transcode", "concat");
        List<Task> tasks = api.store.tasksOf(job.path("id").asText());
        assertThat(tasks.get(0).dependsOn()).isEmpty();
        assertThat(tasks.get(1).dependsOn()).containsExactly(tasks.get(0).id());
        assertThat(tasks.get(2).dependsOn()).containsExactly(tasks.get(0).id());
        assertThat(tasks.get(0).source()).isEqualTo("https://media.example/clips/a.mp4");
        JsonNode viewed = json(api.get("/api/v1/jobs/" + job.path("id").asText()));
        assertThat(viewed.at("/tasks/1/dependsOn/0").asText()).isEqualTo(tasks.get(0).id());
        assertThat(viewed.at("/tasks/0/dependsOn")).isEmpty();
    }

    @Test
    void invalid_tasks_are_refused_naming_the_task_and_field() {
        String a = "\"" + media.resolve("a.mp4") + "\"";
        assertThat(field(job("{\"kind\":\"explode\"}"))).isEqualTo("tasks[0].kind");
        assertThat(field(job("{\"kind\":\"extract\",\"input\":" + a + ",\"in\":1,\"out\":2},"
                + "{\"kind\":\"thumbnails\",\"input\":" + a + ",\"count\":3,\"colour\":\"red\"}"))).isEqualTo("tasks[1].colour");
        assertThat(field(job("{\"kind\":\"thumbnails\",\"input\":{\"fromTask\":0},\"count\":3}")))
                .isEqualTo("tasks[0].input.fromTask");
        assertThat(field(job("{\"kind\":\"concat\",\"inputs\":[" + a + "," + a + "],\"transition\":\"dissolve\"}")))
                .isEqualTo("tasks[0].transitionSeconds");
        assertThat(field(job("{\"kind\":\"extract\",\"input\":\"" + media.resolve("../../etc/passwd") + "\",\"in\":1,\"out\":2}")))
                .isEqualTo("tasks[0].input");
        assertThat(field(job("{\"kind\":\"extract\",\"input\":" + a + ",\"in\":\"1:2:3:4:5\",\"out\":2}")))
                .isEqualTo("tasks[0].in");
        assertThat(field(job("{\"kind\":\"extract\",\"input\":" + a + ",\"in\":3,\"out\":2}"))).isEqualTo("tasks[0].out");
        assertThat(field(job("{\"kind\":\"ingest\",\"url\":\"ftp://media.example/a.mp4\"}"))).isEqualTo("tasks[0].url");
        assertThat(field(job("{\"kind\":\"render\",\"audio\":" + a + ",\"loudnorm\":{\"integrated\":3}}")))
                .isEqualTo("tasks[0].loudnorm.integrated");
        assertThat(field(job("{\"kind\":\"sequence\",\"dir\":\"" + media + "\",\"output\":\"../x.mp4\"}")))
                .isEqualTo("tasks[0].output");
        assertThat(field(job("{\"kind\":\"extract\",\"input\":" + a + ",\"in\":0,\"out\":1,\"output\":\"x.mp4\"},"
                + "{\"kind\":\"extract\",\"input\":" + a + ",\"in\":1,\"out\":2,\"output\":\"x.mp4\"}"))).isEqualTo("tasks[1].output");
        assertThat(field("{\"outputDir\":\"" + media.resolve("out") + "\",\"sources\":[" + a + "],\"tasks\":"
                + "[{\"kind\":\"extract\",\"input\":" + a + ",\"in\":0,\"out\":1}]}")).isEqualTo("sources");
    }
}
