package dev.spool.media.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StderrDiagnosisTest {
    @Test
    void names_the_specific_error_not_the_generic_last_words() {
        List<String> nvenc = List.of(
                "Stream mapping:",
                "  Stream #0:0 -> #0:0 (rawvideo (native) -> h264 (h264_nvenc))",
                "[h264_nvenc @ 0x55c3862dc380] Cannot load libcuda.so.1",
                "Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0 - maybe incorrect parameters such as bit_rate, rate, width or height",
                "Conversion failed!");

        assertThat(StderrDiagnosis.meaningfulLine(nvenc)).isEqualTo("Cannot load libcuda.so.1");
    }

    @Test
    void falls_back_to_the_last_line_and_to_null() {
        assertThat(StderrDiagnosis.meaningfulLine(List.of("hello", "Conversion failed!"))).isEqualTo("Conversion failed!");
        assertThat(StderrDiagnosis.meaningfulLine(List.of())).isNull();
    }
}
