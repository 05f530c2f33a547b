package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec;
import dev.spool.domain.OutputSpec.Family;
import dev.spool.media.command.Accelerator;
import dev.spool.media.command.OutputTarget;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.run.RunOptions;
import dev.spool.media.run.RunOutcome;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real encodes with the listed-but-broken h264_nvenc of this machine. */
class TranscoderTest {
    private final EncoderDetector detector = new EncoderDetector(TestMedia.tools());

    private static OutputSpec h264(String forcedEncoder) {
        return new OutputSpec("web", "mp4", new OutputSpec.Video(Family.H264, forcedEncoder, null, "yuv420p", 30, null,
                "ultrafast", null, null, null, null), new OutputSpec.Audio("aac", 96, null, null), null, false);
    }

    @Test
    void forced_nvenc_falls_back_to_libx264_with_a_warning(@TempDir Path dir) {
        EncoderSelector selector = new EncoderSelector(detector, false, 3);
        Transcoder transcoder = new Transcoder(TestMedia.tools(), selector, new FfmpegRunner());
        MediaMetadata source = TestMedia.probe(TestMedia.h264LongGop());
        Path out = dir.resolve("web.mp4.part");

        Transcoder.Result result = transcoder.transcode(source, List.of(new OutputTarget(h264("h264_nvenc"), out, null, true)),
                RunOptions.expecting(FfmpegRunner.seconds(source.time().durationSeconds())), p -> { }, null);

        assertThat(result.outcome()).as("%s", result.outcome()).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(result.encoders()).containsEntry("web", "libx264");
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("hardware encoder h264_nvenc failed (").endsWith("); fell back to libx264")
                .doesNotContain("Conversion failed");
        MediaMetadata produced = TestMedia.probe(out);
        assertThat(produced.codec().codec()).isEqualTo("h264");
        assertThat(produced.audio()).hasSize(1);
    }

    @Test
    void stale_detection_that_trusts_nvenc_disables_it_after_repeated_failures(@TempDir Path dir) {
        // given a selector that believes NVENC works (as a machine whose GPU went away would)
        EncoderDetector.Detection real = detector.detect();
        Map<String, EncoderStatus> believed = new HashMap<>(real.candidates());
        believed.put("h264_nvenc", new EncoderStatus("h264_nvenc", Accelerator.NVENC, true, true, null));
        EncoderSelector selector = new EncoderSelector(() -> new EncoderDetector.Detection(real.listed(), believed), () -> { }, false, 2);
        Transcoder transcoder = new Transcoder(TestMedia.tools(), selector, new FfmpegRunner());
        MediaMetadata source = TestMedia.probe(TestMedia.noAudio());

        for (int i = 0; i < 2; i++) {
            assertThat(selector.choose(Family.H264)).contains("h264_nvenc");
            Transcoder.Result r = transcoder.transcode(source,
                    List.of(new OutputTarget(h264(null), dir.resolve("out" + i + ".mp4"), null, false)),
                    RunOptions.expecting(null), p -> { }, null);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.encoders()).containsEntry("web", "libx264");
            assertThat(r.warnings()).hasSize(1);
        }

        // then the device is no longer chosen, and the next transcode needs no fallback
        assertThat(selector.isDisabled(Accelerator.NVENC)).isTrue();
        assertThat(selector.choose(Family.H264)).contains("libx264");
        Transcoder.Result direct = transcoder.transcode(source,
                List.of(new OutputTarget(h264(null), dir.resolve("out-direct.mp4"), null, false)), RunOptions.expecting(null), p -> { }, null);
        assertThat(direct.warnings()).isEmpty();
    }

    @Test
    void a_hardware_encode_without_a_free_gpu_session_uses_the_cpu_encoder_from_the_start(@TempDir Path dir) {
        // given a selector that believes NVENC works, and NVENC sessions bounded to one, already taken
        EncoderDetector.Detection real = detector.detect();
        Map<String, EncoderStatus> believed = new HashMap<>(real.candidates());
        believed.put("h264_nvenc", new EncoderStatus("h264_nvenc", Accelerator.NVENC, true, true, null));
        EncoderSelector selector = new EncoderSelector(() -> new EncoderDetector.Detection(real.listed(), believed), () -> { }, false, 5);
        HardwareSessions sessions = HardwareSessions.forUsable(selector, 1);
        Transcoder transcoder = new Transcoder(TestMedia.tools(), selector, new FfmpegRunner(), sessions);
        MediaMetadata source = TestMedia.probe(TestMedia.noAudio());
        assertThat(sessions.tryAcquire(Accelerator.NVENC)).isTrue();

        Transcoder.Result busy = transcoder.transcode(source,
                List.of(new OutputTarget(h264(null), dir.resolve("busy.mp4"), null, false)), RunOptions.expecting(null), p -> { }, null);

        // then no NVENC attempt was made: libx264 directly, so no fallback warning
        assertThat(busy.succeeded()).isTrue();
        assertThat(busy.encoders()).containsEntry("web", "libx264");
        assertThat(busy.warnings()).isEmpty();

        // and once the session is free, the (broken) NVENC is tried and falls back with a warning
        sessions.release(Accelerator.NVENC);
        Transcoder.Result free = transcoder.transcode(source,
                List.of(new OutputTarget(h264(null), dir.resolve("free.mp4"), null, false)), RunOptions.expecting(null), p -> { }, null);
        assertThat(free.warnings()).singleElement().asString().contains("h264_nvenc");
        assertThat(sessions.available()).isEqualTo(1);
    }
}
