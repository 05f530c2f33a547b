package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real detection on this machine: Debian's ffmpeg lists NVENC, and there is no NVIDIA GPU here. */
class EncoderDetectorTest {
    private final EncoderDetector detector = new EncoderDetector(TestMedia.tools());

    @Test
    void listed_but_broken_nvenc_is_reported_unusable_with_the_reason() {
        EncoderDetector.Detection d = detector.detect();

        assertThat(d.listed()).containsKey("h264_nvenc");
        EncoderStatus nvenc = d.candidates().get("h264_nvenc");
        assertThat(nvenc.listed()).isTrue();
        assertThat(nvenc.usable()).isFalse();
        assertThat(nvenc.reason()).isNotBlank().doesNotStartWith("Conversion failed").doesNotStartWith("Error initializing output stream");
    }

    @Test
    void cpu_encoders_work_and_are_chosen() {
        EncoderSelector selector = new EncoderSelector(detector, false, 3);

        assertThat(selector.choose(Family.H264)).contains("libx264");
        assertThat(selector.choose(Family.HEVC)).contains("libx265");
        assertThat(selector.choose(Family.PRORES)).contains("prores_ks");
        assertThat(selector.choose(Family.DNXHR)).contains("dnxhd");
        assertThat(selector.choose(Family.AV1)).hasValueSatisfying(e -> assertThat(e).isIn("libsvtav1", "libaom-av1"));
        assertThat(detector.detect().candidates().get("h264_amf").listed()).isFalse();
    }

    @Test
    void detection_is_cached_per_ffmpeg() {
        assertThat(detector.detect()).isSameAs(new EncoderDetector(TestMedia.tools()).detect());
    }
}
