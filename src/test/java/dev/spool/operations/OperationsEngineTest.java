package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.spool.config.SpoolConfig;
import dev.spool.domain.Job;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.app.Engine;
import dev.spool.engine.JobRequest;
import dev.spool.engine.WorkerSettings;
import dev.spool.ingest.IngestSettings;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.run.ProcessCapture;
import dev.spool.store.SqlJobStore;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Every operation kind end to end: real store, engine, ffmpeg and verification, including bad inputs. */
class OperationsEngineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SqlJobStore store;
    Engine engine;
    Path out;

    @BeforeEach
    void start() {
        store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
        SpoolConfig config = new SpoolConfig(dir.resolve("data"), null, null, null, 0, false);
        WorkerSettings settings = new WorkerSettings("test-worker", 2, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5));
        // loopback is allowed here only because the test server runs on 127.0.0.1; backoff kept short
        IngestSettings ingest = IngestSettings.defaults(dir.resolve("data")).withAllowPrivate(true)
                .withBackoff(List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80)));
        engine = Engine.create(store, config, TestMedia.tools(), settings, List.of(), ingest).start();
        out = dir.resolve("out");
    }

    @AfterEach
    void stop() {
        if (engine != null) engine.close();
        if (store != null) store.close();
    }

    Job run(List<Map<String, Object>> tasks) {
        Job job = engine.submitter().submit(JobRequest.ofTasks(tasks, out.toString()));
        engine.pool().wakeUp();
        await().atMost(Duration.ofSeconds(120)).until(() -> store.getJob(job.id()).status().isTerminal());
        return store.getJob(job.id());
    }

    List<Task> tasks(Job job) {
        return store.tasksOf(job.id());
    }

    static JsonNode result(Task t) throws IOException {
        assertThat(t.status()).as(t.kind() + ": " + t.failureReason() + "\n" + t.stderrTail()).isEqualTo(TaskStatus.COMPLETED);
        return JSON.readTree(t.result());
    }

    static Path outputPath(Task t, int i) throws IOException {
        return Path.of(result(t).path("outputs").get(i).path("path").asText());
    }

    /** Frames counted by decoding (not from the container's header). */
    static long decodedFrames(Path file) {
        ProcessCapture.Result r = ProcessCapture.run(List.of(TestMedia.tools().ffprobe().toString(), "-v", "error",
                "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
                "file:" + file), Duration.ofSeconds(60));
        return Long.parseLong(r.stdout().trim());
    }

    Path frameJob(int frames, int manifestCount, boolean audio) throws IOException {
        Path job = TestMedia.frames(dir.resolve("job-1"), frames, "160x90", 0);
        if (audio) Files.copy(TestMedia.toneWav(), job.resolve("voice.wav"));
        Files.writeString(job.resolve("manifest.json"), "{\"job_id\":\"job-1\",\"width\":160,\"height\":90,\"fps\":10,"
                + "\"count\":" + manifestCount + ",\"format\":\"png\",\"frames_prefix\":\"frames/frame_\",\"pad\":6,"
                + "\"audio\":" + (audio ? "\"voice.wav\"" : "null") + ",\"colorspace\":\"rgb\"}");
        return job;
    }

    @Test
    void frames_and_manifest_become_a_verified_video_and_a_dependent_task_makes_thumbnails_and_a_sprite_of_it()
            throws Exception {
        Path frames = frameJob(20, 20, true);

        Job job = run(List.of(
                Map.of("kind", "sequence", "dir", frames.toString(), "output", "seq.mp4"),
                Map.of("kind", "thumbnails", "input", Map.of("fromTask", 0), "poster", "50%", "count", 3,
                        "sprite", true, "columns", 2, "width", 80),
                Map.of("kind", "sequence", "dir", frames.toString(), "codec", "av1", "output", "seq-av1.mp4")));

        List<Task> tasks = tasks(job);
        Path video = outputPath(tasks.get(0), 0);
        assertThat(video).isEqualTo(out.resolve("seq.mp4"));
        assertThat(decodedFrames(video)).isEqualTo(20);
        MediaMetadata m = TestMedia.probe(video);
        assertThat(m.image().width()).isEqualTo(160);
        assertThat(m.image().height()).isEqualTo(90);
        assertThat(m.time().frameRate().toDouble()).isEqualTo(10.0);
        assertThat(m.audio()).hasSize(1);
        assertThat(m.time().durationSeconds()).isCloseTo(2.0, within(0.1));

        Path av1 = outputPath(tasks.get(2), 0);
        assertThat(TestMedia.probe(av1).codec().codec()).isEqualTo("av1");
        assertThat(decodedFrames(av1)).isEqualTo(20);

        assertThat(tasks.get(1).dependsOn()).containsExactly(tasks.get(0).id());
        JsonNode thumbs = result(tasks.get(1));
        Path folder = out.resolve("thumbnails-1");
        assertThat(thumbs.path("outputs")).hasSize(6); // poster, 3 thumbnails, sprite, its index
        for (String f : List.of("poster.jpg", "thumb-001.jpg", "thumb-002.jpg", "thumb-003.jpg")) {
            MediaMetadata image = TestMedia.probe(folder.resolve(f));
            assertThat(image.image().width()).as(f).isEqualTo(80);
            assertThat(image.image().height()).as(f).isEqualTo(46);
        }
        MediaMetadata sheet = TestMedia.probe(folder.resolve("sprite.jpg"));
        assertThat(sheet.image().width()).isEqualTo(160);  // 2 columns of 80
        assertThat(sheet.image().height()).isEqualTo(92);  // 2 rows of 46
        String vtt = Files.readString(folder.resolve("sprite.vtt"));
        assertThat(vtt).startsWith("WEBVTT");
        assertThat(vtt).contains("sprite.jpg#xywh=0,0,80,46", "sprite.jpg#xywh=80,0,80,46", "sprite.jpg#xywh=0,46,80,46");
        assertThat(Pattern.compile("-->").matcher(vtt).results().count()).isEqualTo(3);
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".spool-tmp-"));
        }
    }

    @Test
    void a_manifest_whose_count_is_wrong_fails_naming_the_missing_frames_and_its_dependent_is_skipped() throws Exception {
        Path frames = frameJob(10, 12, false);
        Files.delete(frames.resolve("frames/frame_000004.png"));

        Job job = run(List.of(
                Map.of("kind", "sequence", "dir", frames.toString()),
                Map.of("kind", "thumbnails", "input", Map.of("fromTask", 0), "count", 2)));

        List<Task> tasks = tasks(job);
        assertThat(tasks.get(0).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(tasks.get(0).failureReason()).contains("invalid manifest", "count is 12", "9 frames are present",
                "missing 3", "frame_000004.png", "frame_000010.png", "frame_000011.png");
        assertThat(tasks.get(1).status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(tasks.get(1).failureReason()).isNotBlank();
        assertThat(out.resolve("job-1.mp4")).doesNotExist();
    }

    @Test
    void extract_cuts_frame_accurately_at_a_timecode_and_stream_copy_starts_on_the_keyframe_before() throws Exception {
        Path source = TestMedia.h264LongGop(); // 25 fps, 2 s, keyframe every 12 frames

        Job job = run(List.of(
                Map.of("kind", "extract", "input", source.toString(), "in", "00:00:00:13", "out", "00:00:01:15", "output", "exact.mp4"),
                Map.of("kind", "extract", "input", source.toString(), "in", "0.6", "out", "1.5", "copy", true,
                        "output", "copy.mp4")));

        List<Task> tasks = tasks(job);
        JsonNode exact = result(tasks.get(0));
        assertThat(exact.path("inSeconds").asDouble()).isCloseTo(0.52, within(1e-6));
        assertThat(decodedFrames(outputPath(tasks.get(0), 0))).isEqualTo(40 - 13); // frames 13 to 39
        assertThat(TestMedia.probe(outputPath(tasks.get(0), 0)).audio()).hasSize(1);

        JsonNode copy = result(tasks.get(1));
        assertThat(copy.path("streamCopy").asBoolean()).isTrue();
        assertThat(copy.path("startSeconds").asDouble()).isCloseTo(0.48, within(0.001)); // keyframe 12 at 25 fps
        assertThat(copy.path("outputs").get(0).path("encoder").asText()).isEqualTo("copy");
        assertThat(TestMedia.probe(outputPath(tasks.get(1), 0)).codec().codec()).isEqualTo("h264");
    }

    @Test
    void concat_normalizes_mixed_clips_and_cut_fade_and_dissolve_last_the_expected_totals() throws Exception {
        // 320x180 25 fps stereo AAC, 320x180 23.976 fps PCM, 320x180 25 fps without audio; 2 s each
        List<Object> clips = List.of(TestMedia.h264LongGop().toString(), TestMedia.proresIntra().toString(),
                TestMedia.noAudio().toString());

        Job job = run(List.of(
                Map.of("kind", "concat", "inputs", clips, "output", "cut.mp4"),
                Map.of("kind", "concat", "inputs", clips, "transition", "fade", "transitionSeconds", 0.4, "output", "fade.mp4"),
                Map.of("kind", "concat", "inputs", clips, "transition", "dissolve", "transitionSeconds", 0.5,
                        "normalize", Map.of("width", 256, "height", 144, "fps", 30), "output", "dissolve.mp4")));

        List<Task> tasks = tasks(job);
        MediaMetadata cut = TestMedia.probe(outputPath(tasks.get(0), 0));
        assertThat(cut.time().durationSeconds()).isCloseTo(6.0, within(0.1));
        assertThat(cut.time().frameRate().toDouble()).isEqualTo(25.0);
        assertThat(cut.audio()).hasSize(1);
        assertThat(TestMedia.probe(outputPath(tasks.get(1), 0)).time().durationSeconds()).isCloseTo(6.0, within(0.1));
        MediaMetadata dissolve = TestMedia.probe(outputPath(tasks.get(2), 0));
        assertThat(dissolve.time().durationSeconds()).isCloseTo(5.0, within(0.1)); // 6 s - 2 overlaps of 0.5 s
        assertThat(dissolve.image().width()).isEqualTo(256);
        assertThat(dissolve.time().frameRate().toDouble()).isEqualTo(30.0);
        assertThat(dissolve.audio()).hasSize(1);
        assertThat(result(tasks.get(2)).path("expectedSeconds").asDouble()).isCloseTo(5.0, within(0.01));
    }

    @Test
    void render_makes_a_video_as_long_as_the_audio_with_loudness_normalized_to_r128() throws Exception {
        Path audio = TestMedia.toneWav();

        Job job = run(List.of(
                Map.of("kind", "render", "audio", audio.toString(), "image", TestMedia.logoPng().toString(),
                        "width", 320, "height", 180, "loudnorm", true, "output", "still.mp4"),
                Map.of("kind", "render", "audio", audio.toString(), "color", "#102030", "waveform", true,
                        "width", 320, "height", 180, "output", "wave.mp4"),
                Map.of("kind", "render", "audio", audio.toString(), "waveform", true, "loudnorm", true,
                        "width", 320, "height", 180, "output", "wave-loud.mp4")));

        List<Task> tasks = tasks(job);
        for (Task t : tasks) {
            MediaMetadata m = TestMedia.probe(outputPath(t, 0));
            assertThat(m.time().durationSeconds()).as(t.spec()).isCloseTo(2.0, within(0.1));
            assertThat(m.image().width()).isEqualTo(320);
            assertThat(m.audio()).hasSize(1);
        }
        assertThat(integratedLoudness(outputPath(tasks.get(0), 0))).isCloseTo(-23.0, within(1.5));
        assertThat(integratedLoudness(outputPath(tasks.get(1), 0))).isLessThan(-28.0); // left as it was
        assertThat(integratedLoudness(outputPath(tasks.get(2), 0))).isCloseTo(-23.0, within(1.5));
    }

    static double integratedLoudness(Path file) {
        ProcessCapture.Result r = ProcessCapture.run(List.of(TestMedia.tools().ffmpeg().toString(), "-hide_banner",
                "-nostats", "-i", "file:" + file, "-map", "0:a", "-af", "ebur128", "-f", "null", "-"), Duration.ofSeconds(60));
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(String.join("\n", r.stderr()));
        double last = Double.NaN;
        while (m.find()) last = Double.parseDouble(m.group(1));
        return last;
    }

    @Test
    void ingest_retries_a_failing_url_then_a_dependent_transcode_uses_the_download() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.h264LongGop());
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/clip.mp4", ex -> {
            if (requests.incrementAndGet() <= 2) {
                ex.sendResponseHeaders(503, -1);
            } else {
                ex.sendResponseHeaders(200, clip.length);
                ex.getResponseBody().write(clip);
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/clip.mp4";
            Job job = run(List.of(
                    Map.of("kind", "ingest", "url", url),
                    Map.of("kind", "transcode", "input", Map.of("fromTask", 0), "preset", "h264_540p_proxy")));

            List<Task> tasks = tasks(job);
            JsonNode ingest = result(tasks.get(0));
            assertThat(ingest.path("attempts").asInt()).isEqualTo(3);
            assertThat(requests.get()).isEqualTo(3);
            assertThat(Files.readAllBytes(out.resolve("clip.mp4"))).isEqualTo(clip);
            Path proxy = outputPath(tasks.get(1), 0);
            assertThat(TestMedia.probe(proxy).time().durationSeconds()).isCloseTo(2.0, within(0.2));
        } finally {
            server.stop(0);
        }
    }
}
