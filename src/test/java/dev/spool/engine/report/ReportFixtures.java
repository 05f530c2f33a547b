package dev.spool.engine.report;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.ToolVersion;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** In-memory jobs and tasks for report tests, built through the domain records' constructors. */
final class ReportFixtures {
    static final String JOB_ID = "0b8f3c2e-job";
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:05:00Z"), ZoneOffset.UTC);
    static final MediaTools TOOLS = new MediaTools(
            Path.of("/usr/bin/ffmpeg"), ToolVersion.parse("ffmpeg version 5.1.6-0+deb12u1 Copyright").orElseThrow(),
            Path.of("/usr/bin/ffprobe"), ToolVersion.parse("ffprobe version 5.1.6-0+deb12u1 Copyright").orElseThrow());

    /** A source path a naive CSV writer would break: a comma and a double quote. */
    static final String AWKWARD_SOURCE = "/card/A001, take \"2\".mov";
    static final String MULTILINE_REASON = "output verification failed\nduration 1.0 s, expected 2.0 s";
    static final String STDERR = "[h264 @ 0x55] error while decoding MB 12 7\nConversion failed!";

    private ReportFixtures() {
    }

    static Job aFinishedJob() {
        return new Job(JOB_ID, "Card A001 proxies", JobStatus.COMPLETED_WITH_WARNINGS, 0, RecoveryPolicy.MANUAL, 3,
                "proxy-h264", "/out/A001", "{}", null, List.of(), null, null,
                T0, T0.plusSeconds(1), T0.plusSeconds(155), T0.plusSeconds(155));
    }

    static TaskBuilder aTask(int seq) {
        return new TaskBuilder(seq);
    }

    /** completed, completed with warnings, failed with stderr, skipped — given out of order. */
    static List<Task> aMixedJobsTasks() {
        return List.of(
                aTask(3).source("/card/A004.mov").skipped("output exists (duplicates: skip)").build(),
                aTask(0).source("/card/A001.mov").completed(result("/out/A001/A001_proxy.mov", 1_234_567, "libx264"))
                        .build(),
                aTask(2).source("/card/A003.mov").failed(MULTILINE_REASON, STDERR).attempts(2).build(),
                aTask(1).source(AWKWARD_SOURCE).completed(twoOutputsResult())
                        .warnings("h264_nvenc failed; fell back to libx264").build());
    }

    static String result(String path, long size, String encoder) {
        return """
                {"outputs":[{"name":"h264_540p_proxy","path":"%s","sizeBytes":%d,"container":"mov","encoder":"%s",\
                "durationSeconds":2.0}],
                 "source":{"summary":"h264 640x360 29.97 fps, 2.0 s","durationSeconds":2.0,"codec":"h264","width":640,\
                "height":360,"frameRate":"30000/1001"},
                 "encodeSeconds":1.2,"speed":3.4}""".formatted(path, size, encoder);
    }

    static String twoOutputsResult() {
        return """
                {"outputs":[
                  {"name":"h264_540p_proxy","path":"/out/A001/take, \\"2\\"_proxy.mov","sizeBytes":2048,"container":"mov",\
                "encoder":"libx264","durationSeconds":2.0},
                  {"name":"prores_proxy","path":"/out/A001/take_2_prores.mov","sizeBytes":5000000,"container":"mov",\
                "encoder":"prores_ks","durationSeconds":2.0}]}""";
    }

    static final class TaskBuilder {
        private final int seq;
        private String source = "/card/clip.mov";
        private TaskStatus status = TaskStatus.QUEUED;
        private int attempt = 0;
        private String reason;
        private List<String> warnings = List.of();
        private String stderr;
        private String result;
        private Instant started;
        private Instant finished;

        private TaskBuilder(int seq) {
            this.seq = seq;
        }

        TaskBuilder source(String source) {
            this.source = source;
            return this;
        }

        TaskBuilder completed(String result) {
            return ended(TaskStatus.COMPLETED).result(result);
        }

        TaskBuilder failed(String reason, String stderr) {
            this.reason = reason;
            this.stderr = stderr;
            return ended(TaskStatus.FAILED);
        }

        TaskBuilder skipped(String reason) {
            this.reason = reason;
            this.status = TaskStatus.SKIPPED;
            return this;
        }

        TaskBuilder status(TaskStatus status) {
            this.status = status;
            return this;
        }

        TaskBuilder result(String result) {
            this.result = result;
            return this;
        }

        TaskBuilder stderr(String stderr) {
            this.stderr = stderr;
            return this;
        }

        TaskBuilder attempts(int attempts) {
            this.attempt = attempts;
            return this;
        }

        TaskBuilder warnings(String... warnings) {
            this.warnings = List.of(warnings);
            return this;
        }

        private TaskBuilder ended(TaskStatus status) {
            this.status = status;
            this.attempt = Math.max(attempt, 1);
            this.started = T0.plusSeconds(10L * seq);
            this.finished = started.plusMillis(2500);
            return this;
        }

        Task build() {
            return new Task("task-" + seq, JOB_ID, seq, "transcode", status, source, "{}", 0, attempt, 3,
                    null, null, reason, warnings, stderr, result, null, List.of(), T0, T0, started, finished, finished);
        }
    }
}
