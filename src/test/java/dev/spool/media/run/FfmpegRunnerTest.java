package dev.spool.media.run;

import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;
import dev.spool.media.run.ProcessCapture;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FfmpegRunnerTest {
    private final FfmpegRunner runner = new FfmpegRunner();
    private final String ffmpeg = TestMedia.tools().ffmpeg().toString();

    private List<String> endlessEncodeTo(Path out) {
        // -re paces the endless source in real time, so the run lasts until it is stopped
        return List.of(ffmpeg, "-hide_banner", "-nostats", "-progress", "pipe:1", "-y", "-re",
                "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-f", "mp4", "file:" + out);
    }

    @Test
    void a_successful_run_reports_progress_up_to_100_percent(@TempDir Path dir) {
        List<Progress> seen = new CopyOnWriteArrayList<>();
        List<String> cmd = List.of(ffmpeg, "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-i", "file:" + TestMedia.h264LongGop(), "-c:v", "libx264", "-preset", "ultrafast", "-an",
                "-f", "mp4", "file:" + dir.resolve("out.mp4"));

        RunOutcome outcome = runner.run(cmd, RunOptions.expecting(Duration.ofSeconds(2)), seen::add);

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).finished()).isTrue();
        assertThat(seen.get(seen.size() - 1).percent()).isEqualTo(100.0);
        assertThat(((RunOutcome.Succeeded) outcome).lastProgress().frame()).isEqualTo(50);
    }

    @Test
    void a_failed_run_carries_the_reason_exit_code_and_stderr_tail(@TempDir Path dir) {
        List<String> cmd = List.of(ffmpeg, "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-i", "file:" + TestMedia.h264LongGop(), "-c:v", "libx264", "-preset", "no-such-preset",
                "-f", "mp4", "file:" + dir.resolve("out.mp4"));

        RunOutcome outcome = runner.run(cmd, RunOptions.expecting(null), p -> { });

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.exitCode()).isNotZero();
            assertThat(f.reason()).containsIgnoringCase("preset");
            assertThat(f.stderrTail()).isNotEmpty().hasSizeLessThanOrEqualTo(StderrTail.DEFAULT_LINES);
        });
    }

    @Test
    void a_missing_executable_is_a_failed_outcome_not_an_exception() {
        RunOutcome outcome = runner.run(List.of("/nonexistent/ffmpeg", "-version"), RunOptions.expecting(null), p -> { });

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.exitCode()).isEqualTo(-1);
            assertThat(f.reason()).startsWith("cannot start /nonexistent/ffmpeg");
        });
    }

    @Test
    void cancel_stops_within_two_seconds_and_the_output_is_finalised(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("endless.mp4");
        List<Progress> seen = new CopyOnWriteArrayList<>();
        RunHandle handle = runner.start(endlessEncodeTo(out), RunOptions.expecting(null), seen::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(p -> p.frame() != null && p.frame() > 5));

        long t0 = System.nanoTime();
        handle.cancel();
        RunOutcome outcome = handle.await(Duration.ofSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome).isInstanceOf(RunOutcome.Cancelled.class);
        // 'q' let ffmpeg write the mp4 index: the partial file is readable
        assertThat(new MediaProber(TestMedia.tools()).probe(out)).isInstanceOf(ProbeResult.Probed.class);
    }

    @Test
    void a_run_without_progress_is_stopped_as_stalled(@TempDir Path dir) throws Exception {
        // given an input that never delivers data: a named pipe nobody writes to
        Path fifo = dir.resolve("never.fifo");
        assertThat(ProcessCapture.run(List.of("mkfifo", fifo.toString()), Duration.ofSeconds(5)).succeeded()).isTrue();
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-f", "mpegts", "-i", "file:" + fifo, "-f", "null", "-"));

        long t0 = System.nanoTime();
        RunOutcome outcome = runner.run(cmd,
                RunOptions.expecting(null).withStallTimeout(Duration.ofMillis(600)).withStopGrace(Duration.ofMillis(200)), p -> { });

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Stalled.class,
                s -> assertThat(s.stalledFor()).isGreaterThanOrEqualTo(Duration.ofMillis(600)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
