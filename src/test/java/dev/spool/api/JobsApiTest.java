package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.spool.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobsApiTest {
    @TempDir
    Path dir;
    Path media;
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mov"), "not really a movie");
        Files.writeString(media.resolve("b.mov"), "not really a movie either");
        api = new ApiFixture(dir, s -> s.withMediaRoots(List.of(media)).withMaxBodyBytes(4096)).start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String submitBody(String extra) {
        return "{\"sources\":[\"" + media.resolve("a.mov") + "\",\"" + media.resolve("b.mov") + "\"],"
                + "\"preset\":\"h264_540p_proxy\",\"outputDir\":\"" + media.resolve("out") + "\"" + extra + "}";
    }

    @Test
    void submit_creates_a_job_and_an_idempotency_key_returns_the_same_job() {
        HttpResponse<String> first = api.send(api.request("/api/v1/jobs").header("Idempotency-Key", "k-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(submitBody(",\"priority\":5,\"recovery\":\"auto\"")))
                .build());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode job = json(first);
        assertThat(job.path("status").asText()).isEqualTo("RUNNING");
        assertThat(job.path("priority").asInt()).isEqualTo(5);
        assertThat(job.path("recoveryPolicy").asText()).isEqualTo("auto");
        assertThat(job.path("tasks")).hasSize(2);
        assertThat(job.path("tasks").get(0).path("status").asText()).isEqualTo("QUEUED");
        assertThat(job.path("tasks").get(0).path("queuePosition").asInt()).isEqualTo(0);
        assertThat(job.path("tasks").get(1).path("queuePosition").asInt()).isEqualTo(1);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + job.path("id").asText());

        HttpResponse<String> again = api.send(api.request("/api/v1/jobs").header("Idempotency-Key", "k-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(submitBody(""))).build());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("id").asText()).isEqualTo(job.path("id").asText());
        assertThat(api.store.listJobs(java.util.Set.of(), null, 10).items()).hasSize(1);
    }

    @Test
    void inline_outputs_replace_a_preset_and_their_errors_name_the_output_field() {
        String sources = "{\"sources\":[\"" + media.resolve("a.mov") + "\"],\"outputDir\":\"" + media.resolve("out") + "\",";
        HttpResponse<String> ok = api.post("/api/v1/jobs", sources + "\"outputs\":["
                + "{\"name\":\"web\",\"family\":\"h264\",\"container\":\"mp4\",\"crf\":23,\"audio\":{\"codec\":\"aac\"},"
                + "\"scaling\":{\"mode\":\"fit\",\"width\":640,\"height\":360}},"
                + "{\"name\":\"poster\",\"family\":\"mjpeg\",\"container\":\"jpg\",\"still\":{\"percent\":10}}]}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json(ok).path("preset").asText()).isEqualTo("inline");

        HttpResponse<String> badCrf = api.post("/api/v1/jobs", sources + "\"outputs\":["
                + "{\"name\":\"a\",\"family\":\"h264\",\"container\":\"mp4\",\"audio\":\"none\"},"
                + "{\"name\":\"b\",\"family\":\"h264\",\"container\":\"mp4\",\"audio\":\"none\",\"crf\":\"high\"}]}");
        assertThat(badCrf.statusCode()).isEqualTo(400);
        assertThat(json(badCrf).at("/error/details/field").asText()).isEqualTo("outputs[1].crf");

        HttpResponse<String> both = api.post("/api/v1/jobs", sources + "\"preset\":\"h264_540p_proxy\",\"outputs\":["
                + "{\"name\":\"a\",\"family\":\"h264\",\"container\":\"mp4\"}]}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).at("/error/message").asText()).contains("not both");
    }

    @Test
    void bad_input_gets_a_4xx_naming_the_problem_and_never_a_stack_trace() {
        HttpResponse<String> unknown = api.post("/api/v1/jobs", submitBody(",\"colour\":\"red\""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("unknown_field");
        assertThat(json(unknown).at("/error/details/field").asText()).isEqualTo("colour");

        HttpResponse<String> outside = api.post("/api/v1/jobs", "{\"sources\":[\"" + media.resolve("../../etc/passwd")
                + "\"],\"preset\":\"h264_540p_proxy\",\"outputDir\":\"" + media.resolve("out") + "\"}");
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).at("/error/details/field").asText()).isEqualTo("sources[0]");
        assertThat(json(outside).at("/error/message").asText()).contains("outside the configured media roots");

        HttpResponse<String> badPreset = api.post("/api/v1/jobs", submitBody("").replace("h264_540p_proxy", "nope"));
        assertThat(badPreset.statusCode()).isEqualTo(400);
        assertThat(json(badPreset).at("/error/details/field").asText()).isEqualTo("preset");

        HttpResponse<String> badType = api.post("/api/v1/jobs", submitBody(",\"priority\":\"high\""));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(json(badType).at("/error/details/field").asText()).isEqualTo("priority");

        HttpResponse<String> ftp = api.post("/api/v1/jobs", submitBody(",\"webhookUrl\":\"ftp://example.com/x\""));
        assertThat(ftp.statusCode()).isEqualTo(400);
        assertThat(json(ftp).at("/error/details/field").asText()).isEqualTo("webhookUrl");

        HttpResponse<String> notJson = api.post("/api/v1/jobs", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/error/code").asText()).isEqualTo("invalid_json");

        HttpResponse<String> huge = api.post("/api/v1/jobs", submitBody(",\"name\":\"" + "x".repeat(5000) + "\""));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).at("/error/code").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> missing = api.get("/api/v1/jobs/does-not-exist");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("not_found");

        HttpResponse<String> noRoute = api.get("/api/v1/nothing-here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(json(noRoute).at("/error/code").asText()).isEqualTo("not_found");

        for (HttpResponse<String> r : List.of(unknown, outside, badPreset, badType, ftp, notJson, huge, missing, noRoute)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void list_filters_by_status_and_pages_newest_first() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(api.latchedJob("s" + i).id());
        api.store.pause(ids.get(1));
        api.store.pause(ids.get(3));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(api.get("/api/v1/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("items").forEach(j -> seen.add(j.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        // jobs made in the same millisecond tie on time; pages must still cover each job once, in one order
        JsonNode all = json(api.get("/api/v1/jobs?limit=100")).path("items");
        List<String> onePage = new ArrayList<>();
        List<java.time.Instant> created = new ArrayList<>();
        all.forEach(j -> {
            onePage.add(j.path("id").asText());
            created.add(java.time.Instant.parse(j.path("createdAt").asText()));
        });
        assertThat(seen).containsExactlyElementsOf(onePage).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(created).isSortedAccordingTo(java.util.Comparator.<java.time.Instant>naturalOrder().reversed());

        JsonNode paused = json(api.get("/api/v1/jobs?status=paused"));
        assertThat(paused.path("items")).extracting(j -> j.path("id").asText())
                .containsExactlyInAnyOrder(ids.get(3), ids.get(1));

        assertThat(api.get("/api/v1/jobs?status=SLEEPING").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs?cursor=garbage").statusCode()).isEqualTo(400);
    }

    @Test
    void a_running_job_shows_progress_and_a_finished_one_its_downloadable_outputs() throws Exception {
        api.withWorker(1);
        Job job = api.latchedJob("one", "two");
        await().untilAsserted(() -> {
            JsonNode t = json(api.get("/api/v1/jobs/" + job.id())).path("tasks").get(0);
            assertThat(t.path("status").asText()).isEqualTo("RUNNING");
            assertThat(t.path("percent").asDouble()).isEqualTo(50.0);
            assertThat(t.path("fps").asDouble()).isEqualTo(240.0);
            assertThat(t.path("etaSeconds").asDouble()).isEqualTo(2.5);
        });
        JsonNode queued = json(api.get("/api/v1/jobs/" + job.id())).path("tasks").get(1);
        assertThat(queued.path("queuePosition").asInt()).isEqualTo(0);
        assertThat(json(api.get("/api/v1/jobs/active")).path("items")).extracting(j -> j.path("id").asText())
                .containsExactly(job.id());

        api.executor.release("one");
        api.executor.release("two");
        await().until(() -> api.store.getJob(job.id()).status() == JobStatus.COMPLETED);

        JsonNode done = json(api.get("/api/v1/jobs/" + job.id()));
        JsonNode output = done.path("tasks").get(0).path("outputs").get(0);
        assertThat(output.path("encoder").asText()).isEqualTo("h264_nvenc");
        assertThat(output.path("sizeBytes").asLong()).isPositive();
        HttpResponse<String> file = api.get(output.path("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("output of one");
        assertThat(api.get("/api/v1/jobs/" + job.id() + "/outputs/" + done.path("tasks").get(0).path("id").asText()
                + "/7").statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/v1/jobs/recent")).path("items")).extracting(j -> j.path("id").asText())
                .containsExactly(job.id());
        assertThat(json(api.get("/api/v1/jobs/active")).path("items")).isEmpty();
    }

    @Test
    void controls_follow_the_state_machine_and_409_says_why() {
        Job job = api.latchedJob("x", "y");
        HttpResponse<String> resume = api.post("/api/v1/jobs/" + job.id() + "/resume", "");
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(json(resume).at("/error/message").asText()).contains("only a PAUSED or RECOVERY_REQUIRED job can be resumed");
        assertThat(json(resume).at("/error/details/status").asText()).isEqualTo("RUNNING");

        assertThat(json(api.post("/api/v1/jobs/" + job.id() + "/pause", "")).path("status").asText()).isEqualTo("PAUSED");
        assertThat(json(api.post("/api/v1/jobs/" + job.id() + "/resume", "")).path("status").asText()).isEqualTo("RUNNING");
        HttpResponse<String> rebind = api.post("/api/v1/jobs/" + job.id() + "/rebind", "{\"preset\":\"h264_540p_proxy\"}");
        assertThat(rebind.statusCode()).isEqualTo(409);
        HttpResponse<String> cancel = api.post("/api/v1/jobs/" + job.id() + "/cancel", "{\"stop\":true}");
        assertThat(json(cancel).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(json(cancel).path("tasks")).allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("SKIPPED"));
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/cancel", "{\"bogus\":1}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/v1/jobs/" + job.id() + "/cancel", "").statusCode()).isEqualTo(409);
    }

    @Test
    void reports_are_listed_and_downloaded_by_format_only() throws Exception {
        Job job = api.latchedJob("r");
        api.store.cancel(job.id());
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve("spool-report-" + job.id() + ".csv"), "clip,status\nr,SKIPPED\n");
        Files.writeString(reports.resolve("spool-report-" + job.id() + ".txt"), "one clip skipped");
        api.store.setReportDir(job.id(), reports.toString());

        JsonNode list = json(api.get("/api/v1/jobs/" + job.id() + "/reports"));
        assertThat(list.path("items")).extracting(r -> r.path("format").asText()).containsExactly("csv", "txt");
        HttpResponse<String> csv = api.get("/api/v1/jobs/" + job.id() + "/reports/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("clip,status");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(api.get("/api/v1/jobs/" + job.id() + "/reports/json").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + job.id() + "/reports/..%2F..%2Fspool.db").statusCode()).isIn(400, 404);
    }

    @Test
    void presets_can_be_listed_shown_and_validated() {
        assertThat(json(api.get("/api/v1/presets")).path("items")).extracting(p -> p.path("id").asText())
                .contains("h264_540p_proxy");
        assertThat(json(api.get("/api/v1/presets/h264_540p_proxy")).path("id").asText()).isEqualTo("h264_540p_proxy");
        assertThat(api.get("/api/v1/presets/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> invalid = api.post("/api/v1/presets/validate", "{\"global\":[{\"id\":\"x\",\"codec\":\"missing\"}]}");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(json(invalid).at("/error/code").asText()).isEqualTo("invalid_preset");
        assertThat(invalid.body()).doesNotContain(System.getProperty("java.io.tmpdir") + "/spool-preset-");
        assertThat(api.get("/api/v1/encoders").statusCode()).isEqualTo(503);
    }
}
