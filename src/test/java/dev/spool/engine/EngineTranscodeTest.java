package dev.spool.engine;

import dev.spool.app.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.config.SpoolConfig;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.tools.MediaTools;
import dev.spool.store.SqlJobStore;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The transcode pipeline end to end: real store, real presets, real ffmpeg, real verification. */
class EngineTranscodeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SqlJobStore store;
    Engine engine;

    Engine start(MediaTools tools) {
        store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
        SpoolConfig config = new SpoolConfig(dir.resolve("data"), null, null, null, 0, false);
        WorkerSettings settings = new WorkerSettings("test-worker", 2, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5));
        engine = Engine.create(store, config, tools, settings, List.of()).start();
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) engine.close();
        if (store != null) store.close();
    }

    Job runToEnd(JobRequest request) {
        Job job = engine.submitter().submit(request);
        engine.pool().wakeUp();
        await().atMost(Duration.ofSeconds(90)).until(() -> store.getJob(job.id()).status().isTerminal());
        return store.getJob(job.id());
    }

    static Path copy(Path from, Path toDir, String name) throws IOException {
        Files.createDirectories(toDir);
        return Files.copy(from, toDir.resolve(name));
    }

    static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void good_clips_complete_verified_and_bad_ones_fail_with_reasons_without_stopping_the_batch() throws Exception {
        start(TestMedia.tools());
        Path in = dir.resolve("card");
        copy(TestMedia.h264LongGop(), in, "good1.mp4");
        copy(TestMedia.threeSecond360p(), in, "good2.mp4");
        copy(TestMedia.zeroByte(), in, "empty.mov");
        copy(TestMedia.truncated(), in, "truncated.mov");
        copy(TestMedia.textAsMov(), in, "notes.mov");
        Path out = dir.resolve("proxies");

        Job done = runToEnd(JobRequest.of(List.of(in.toString()), "h264_540p_proxy", out.toString()));

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.counts().completed()).isEqualTo(2);
        assertThat(done.counts().failed()).isEqualTo(3);
        List<Task> tasks = store.tasksOf(done.id());
        for (Task t : tasks) {
            String name = Path.of(t.source()).getFileName().toString();
            if (name.startsWith("good")) {
                assertThat(t.status()).as(name + ": " + t.failureReason()).isEqualTo(TaskStatus.COMPLETED);
                JsonNode output = JSON.readTree(t.result()).get("outputs").get(0);
                Path file = Path.of(output.get("path").asText());
                MediaMetadata src = TestMedia.probe(Path.of(t.source()));
                MediaMetadata proxy = TestMedia.probe(file);
                // fitted into 960x540 and never enlarged: these small sources keep their size
                assertThat(proxy.image().height()).isEqualTo(src.image().height());
                assertThat(proxy.image().width()).isEqualTo(src.image().width());
                assertThat(proxy.time().durationSeconds()).isCloseTo(src.time().durationSeconds(),
                        org.assertj.core.data.Offset.offset(0.5));
                assertThat(output.get("encoder").asText()).isEqualTo("libx264");
                assertThat(output.get("sizeBytes").asLong()).isEqualTo(Files.size(file));
            } else {
                assertThat(t.status()).as(name).isEqualTo(TaskStatus.FAILED);
                assertThat(t.failureReason()).as(name).isNotBlank();
            }
        }
        assertThat(reasonOf(tasks, "empty.mov")).contains("empty");
        assertThat(reasonOf(tasks, "truncated.mov")).contains("damaged");
        assertThat(reasonOf(tasks, "notes.mov")).contains("not media");
        await().until(() -> store.getJob(done.id()).reportDir() != null);
        Path reports = Path.of(store.getJob(done.id()).reportDir());
        assertThat(reports).isEqualTo(out.resolve("reports"));
        String txt = Files.readString(reports.resolve("spool-report-" + done.id() + ".txt"));
        assertThat(txt).contains("good1.mp4").contains("notes.mov").contains(reasonOf(tasks, "truncated.mov"))
                .contains("libx264");
        assertThat(Files.readString(reports.resolve("spool-report-" + done.id() + ".csv"))).contains("empty.mov");
        assertThat(filesUnder(out)).extracting(p -> out.relativize(p).toString()).containsExactlyInAnyOrder(
                "good1.mov", "good2.mov", "reports/spool-report-" + done.id() + ".csv",
                "reports/spool-report-" + done.id() + ".json", "reports/spool-report-" + done.id() + ".txt");
    }

    static String reasonOf(List<Task> tasks, String name) {
        return tasks.stream().filter(t -> t.source().endsWith(name)).findFirst().orElseThrow().failureReason();
    }

    @Test
    void a_three_output_bundle_comes_from_one_ffmpeg_run_and_the_proxies_keep_timecode_and_rate() throws Exception {
        // a wrapper that logs every ffmpeg invocation, so the test can count the encodes of the source
        Path log = dir.resolve("ffmpeg-calls.log");
        Path wrapper = dir.resolve("ffmpeg-wrapper");
        MediaTools real = TestMedia.tools();
        Files.writeString(wrapper, "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexec '" + real.ffmpeg() + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        start(new MediaTools(wrapper, real.ffmpegVersion(), real.ffprobe(), real.ffprobeVersion()));
        Path source = copy(TestMedia.dropFrameTimecode2997(), dir.resolve("card"), "A001_C007.mov");
        Path out = dir.resolve("editorial");

        Job done = runToEnd(JobRequest.of(List.of(source.toString()), "editorial", out.toString()));

        Task task = store.tasksOf(done.id()).get(0);
        assertThat(done.status()).as(task.failureReason() + "\n" + task.stderrTail()).isEqualTo(JobStatus.COMPLETED);
        List<String> encodes = Files.readAllLines(log).stream().filter(l -> l.contains("A001_C007")).toList();
        assertThat(encodes).hasSize(1);
        assertThat(encodes.get(0)).contains("split");
        JsonNode outputs = JSON.readTree(task.result()).get("outputs");
        assertThat(outputs).hasSize(3);
        MediaMetadata src = TestMedia.probe(source);
        for (JsonNode o : outputs) {
            Path file = Path.of(o.get("path").asText());
            assertThat(file).exists().startsWith(out);
            MediaMetadata m = TestMedia.probe(file);
            if (o.get("container").asText().equals("jpg")) {
                assertThat(m.image().width()).isPositive();
                continue;
            }
            assertThat(m.time().startTimecode()).as(file.toString()).isEqualTo("01:00:00;00");
            assertThat(m.time().frameRate()).isEqualTo(src.time().frameRate());
            assertThat(m.audio()).extracting(MediaMetadata.AudioTrack::channels)
                    .isEqualTo(src.audio().stream().map(MediaMetadata.AudioTrack::channels).toList());
        }
        assertThat(filesUnder(out)).noneMatch(p -> p.getFileName().toString().startsWith(".spool-tmp-"));
    }

    @Test
    void cancelling_with_stop_ends_a_real_encode_promptly_and_leaves_no_file_behind() throws Exception {
        // libaom at cpu-used 0 needs many seconds per frame: the encode is certainly running when cancelled
        Path presets = Files.createDirectories(dir.resolve("data/presets"));
        Files.writeString(presets.resolve("slow.yaml"), """
                codec:
                  - id: av1_glacial
                    family: av1
                    encoder: libaom-av1
                    speed: "0"
                    crf: 10
                    container: mkv
                    audio: none
                global:
                  - id: av1_glacial
                    presets: {codec: av1_glacial, scaling: source, watermark: none, naming: source_name,
                              folder_output: flat, exclusions: default, duplicates: suffix, queue: default,
                              reporting: default}
                """);
        start(TestMedia.tools());
        Path source = copy(TestMedia.threeSecond360p(), dir.resolve("card"), "long.mp4");
        Path out = dir.resolve("out");
        Job job = engine.submitter().submit(JobRequest.of(List.of(source.toString()), "av1_glacial", out.toString()));
        engine.pool().wakeUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(out) && filesUnder(out).stream()
                .anyMatch(p -> p.getFileName().toString().startsWith(".spool-tmp-")));

        long t0 = System.nanoTime();
        store.cancel(job.id(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.tasksOf(job.id()).get(0).status().isTerminal());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // 2 s for ffmpeg to stop plus the worker's 200 ms stop-request poll in this test's settings
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        Task t = store.tasksOf(job.id()).get(0);
        assertThat(t.status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(t.failureReason()).isEqualTo("cancelled");
        assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(filesUnder(out)).noneMatch(p -> p.getFileName().toString().endsWith(".mkv"));
    }

    @Test
    void inline_outputs_are_encoded_from_one_decode_like_a_preset() throws Exception {
        start(TestMedia.tools());
        Path source = copy(TestMedia.h264LongGop(), dir.resolve("card"), "shot.mp4");
        Path out = dir.resolve("inline");
        List<java.util.Map<String, Object>> outputs = List.of(
                java.util.Map.of("name", "small", "family", "h264", "container", "mp4", "crf", 30,
                        "audio", java.util.Map.of("codec", "aac"),
                        "scaling", java.util.Map.of("mode", "fit", "width", 160, "height", 90)),
                java.util.Map.of("name", "thumb", "family", "mjpeg", "container", "jpg",
                        "still", java.util.Map.of("percent", 50)));

        Job done = runToEnd(new JobRequest(null, List.of(source.toString()), null, out.toString(), null, null, null,
                true, outputs));

        Task t = store.tasksOf(done.id()).get(0);
        assertThat(done.status()).as(t.failureReason()).isEqualTo(JobStatus.COMPLETED);
        assertThat(TestMedia.probe(out.resolve("shot_small.mp4")).image().width()).isEqualTo(160);
        assertThat(out.resolve("shot_thumb.jpg")).exists();
        await().until(() -> store.getJob(done.id()).reportDir() != null);
        assertThat(Path.of(store.getJob(done.id()).reportDir())).isEqualTo(out.resolve("reports"));
    }

    @Test
    void an_existing_output_is_never_overwritten_by_the_suffix_rule() throws Exception {
        start(TestMedia.tools());
        Path source = copy(TestMedia.h264LongGop(), dir.resolve("card"), "clip.mp4");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("clip.mov"), "precious");

        Job done = runToEnd(JobRequest.of(List.of(source.toString()), "h264_540p_proxy", out.toString()));

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(Files.readString(out.resolve("clip.mov"))).isEqualTo("precious");
        assertThat(filesUnder(out)).extracting(p -> p.getFileName().toString()).filteredOn(n -> n.endsWith(".mov"))
                .containsExactlyInAnyOrder("clip.mov", "clip_001.mov");
    }
}
