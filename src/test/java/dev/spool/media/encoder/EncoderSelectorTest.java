package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.media.command.Accelerator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EncoderSelectorTest {
    private final AtomicInteger detections = new AtomicInteger();

    /** A machine where NVENC and VAAPI trials worked and QSV did not. */
    private EncoderDetector.Detection gpuMachine() {
        detections.incrementAndGet();
        Map<String, EncoderStatus> s = new LinkedHashMap<>();
        for (Family f : Family.values()) {
            for (String c : EncoderCatalog.candidates(f)) {
                s.put(c, EncoderStatus.notListed(c));
            }
        }
        s.put("h264_nvenc", new EncoderStatus("h264_nvenc", Accelerator.NVENC, true, true, null));
        s.put("h264_qsv", new EncoderStatus("h264_qsv", Accelerator.QSV, true, false, "unsupported (-3)"));
        s.put("h264_vaapi", new EncoderStatus("h264_vaapi", Accelerator.VAAPI, true, true, null));
        s.put("libx264", new EncoderStatus("libx264", Accelerator.CPU, true, true, null));
        s.put("libaom-av1", new EncoderStatus("libaom-av1", Accelerator.CPU, true, true, null));
        return new EncoderDetector.Detection(Map.of("h264_nvenc", "h264", "h264_qsv", "h264", "libx264", "h264"), s);
    }

    private EncoderSelector selector(boolean forceCpu) {
        return new EncoderSelector(this::gpuMachine, () -> { }, forceCpu, 3);
    }

    @Test
    void prefers_nvenc_then_the_next_working_device_then_cpu() {
        EncoderSelector selector = selector(false);

        assertThat(selector.choose(Family.H264)).contains("h264_nvenc");
        assertThat(selector.choose(Family.AV1)).contains("libaom-av1");
        assertThat(selector.choose(Family.PRORES)).isEmpty();
        assertThat(selector.cpuEncoder(Family.H264)).contains("libx264");
    }

    @Test
    void force_cpu_ignores_working_hardware() {
        assertThat(selector(true).choose(Family.H264)).contains("libx264");
        assertThat(EncoderSelector.forceCpuFromEnvironment(Map.of("SPOOL_FORCE_CPU", "1"))).isTrue();
        assertThat(EncoderSelector.forceCpuFromEnvironment(Map.of("SPOOL_FORCE_CPU", "0"))).isFalse();
        assertThat(EncoderSelector.forceCpuFromEnvironment(Map.of())).isFalse();
    }

    @Test
    void a_device_failing_repeatedly_is_not_used_until_probed_again() {
        EncoderSelector selector = selector(false);

        selector.recordFailure("h264_nvenc");
        selector.recordFailure("h264_nvenc");
        assertThat(selector.choose(Family.H264)).contains("h264_nvenc");
        selector.recordFailure("hevc_nvenc");
        assertThat(selector.isDisabled(Accelerator.NVENC)).isTrue();
        assertThat(selector.choose(Family.H264)).contains("h264_vaapi");
        assertThat(selector.report().disabledDevices()).containsExactly(Accelerator.NVENC);

        selector.reprobe();

        assertThat(detections).hasValue(2);
        assertThat(selector.choose(Family.H264)).contains("h264_nvenc");
    }

    @Test
    void a_success_ends_the_failure_streak() {
        EncoderSelector selector = selector(false);
        selector.recordFailure("h264_nvenc");
        selector.recordFailure("h264_nvenc");
        selector.recordSuccess("h264_nvenc");
        selector.recordFailure("h264_nvenc");

        assertThat(selector.isDisabled(Accelerator.NVENC)).isFalse();
    }
}
