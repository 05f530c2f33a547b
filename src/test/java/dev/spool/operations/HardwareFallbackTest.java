package dev.spool.operations;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.Accelerator;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.command.ExtractCommand;
import dev.spool.media.encoder.EncoderDetector;
import dev.spool.media.encoder.EncoderSelector;
import dev.spool.media.encoder.EncoderStatus;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.run.RunOutcome;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations use the hardware encoder the selector picks and fall back to the CPU when it fails at run time. */
class HardwareFallbackTest {
    @Test
    void a_hardware_encoder_that_fails_at_run_time_is_replaced_by_the_cpu_encoder_with_a_warning(@TempDir Path dir)
            throws Exception {
        // given a selector that believes NVENC works (as on a machine whose GPU went away)
        EncoderDetector.Detection real = new EncoderDetector(TestMedia.tools()).detect();
        Map<String, EncoderStatus> believed = new HashMap<>(real.candidates());
        believed.put("h264_nvenc", new EncoderStatus("h264_nvenc", Accelerator.NVENC, true, true, null));
        EncoderSelector selector = new EncoderSelector(() -> new EncoderDetector.Detection(real.listed(), believed),
                () -> { }, false, 3);
        OperationKit kit = new OperationKit(null, TestMedia.tools(), new MediaProber(TestMedia.tools()), selector,
                new FfmpegRunner(), 0, Duration.ofSeconds(30));
        Path out = dir.resolve("clip.mp4");

        // when
        OperationKit.Encoded enc = kit.encode(Family.H264, encoder -> new ExtractCommand(TestMedia.tools().ffmpeg(),
                TestMedia.noAudio(), 0.5, 1.0, DeliveryEncoding.videoArgs(encoder), false, out, "mp4").build(), out, 1.0,
                new QuietContext());

        // then
        assertThat(enc.outcome()).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(enc.encoder()).isEqualTo("libx264");
        assertThat(enc.warnings()).singleElement().asString().startsWith("hardware encoder h264_nvenc failed")
                .endsWith("fell back to libx264");
        assertThat(TestMedia.probe(out).time().durationSeconds()).isBetween(0.9, 1.1);
    }

    /** A task context that never stops and ignores progress. */
    static final class QuietContext implements TaskContext {
        @Override
        public String workerId() {
            return "test";
        }

        @Override
        public void progress(Map<String, Object> progress) {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public String stopReason() {
            return null;
        }

        @Override
        public void onStop(Runnable action) {
        }
    }
}
