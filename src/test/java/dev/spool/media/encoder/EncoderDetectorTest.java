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
    void a_detection_on_disk_spares_the_next_process_its_trial_encodes_until_ffmpeg_changes(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // an ffmpeg of its own path (so the in-memory cache is this test's) that logs every invocation
        java.nio.file.Path log = dir.resolve("calls.log");
        java.nio.file.Path wrapper = dir.resolve("ffmpeg");
        var real = TestMedia.tools();
        java.nio.file.Files.writeString(wrapper, "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '" + log + "'\nexec '"
                + real.ffmpeg() + "' \"$@\"\n");
        java.nio.file.Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        var tools = new dev.spool.media.tools.MediaTools(wrapper, real.ffmpegVersion(), real.ffprobe(), real.ffprobeVersion());
        java.nio.file.Path cache = dir.resolve("cache/encoders.json");

        EncoderDetector first = new EncoderDetector(tools).withDiskCache(cache);
        EncoderDetector.Detection detected = first.detect();
        long calls = java.nio.file.Files.readAllLines(log).size();
        first.forgetInMemory();
        EncoderDetector.Detection reused = new EncoderDetector(tools).withDiskCache(cache).detect();

        assertThat(calls).isGreaterThan(5);
        assertThat(cache).exists();
        assertThat(java.nio.file.Files.readAllLines(log)).hasSize((int) calls);
        assertThat(reused).isEqualTo(detected);

        // a changed ffmpeg binary (new mtime) is detected again
        first.forgetInMemory();
        java.nio.file.Files.setLastModifiedTime(wrapper, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        new EncoderDetector(tools).withDiskCache(cache).detect();
        assertThat(java.nio.file.Files.readAllLines(log).size()).isGreaterThan((int) calls);
    }

    @Test
    void detection_is_cached_per_ffmpeg() {
        assertThat(detector.detect()).isSameAs(new EncoderDetector(TestMedia.tools()).detect());
    }
}
