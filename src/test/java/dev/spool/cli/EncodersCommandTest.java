package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class EncodersCommandTest {
    private final StringWriter out = new StringWriter();

    private int spool(String... args) {
        CommandLine cl = SpoolCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void human_output_names_the_broken_nvenc_and_the_choice() {
        assertThat(spool("encoders")).isEqualTo(ExitCode.OK);

        assertThat(out.toString()).contains("H264: chosen libx264")
                .containsPattern("h264_nvenc +NVENC +unusable: \\S+")
                .contains("listed by ffmpeg: ").contains("PRORES: chosen prores_ks");
    }

    @Test
    void json_lists_every_family_with_listed_tried_and_chosen() throws Exception {
        assertThat(spool("encoders", "--json", "--force-cpu")).isEqualTo(ExitCode.OK);

        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.path("forceCpu").asBoolean()).isTrue();
        assertThat(root.path("families")).extracting(f -> f.path("family").asText())
                .containsExactly("H264", "HEVC", "AV1", "PRORES", "DNXHR");
        JsonNode h264 = root.path("families").get(0);
        assertThat(h264.path("chosen").asText()).isEqualTo("libx264");
        assertThat(h264.path("listed").toString()).contains("h264_nvenc");
        JsonNode nvenc = h264.path("encoders").get(0);
        assertThat(nvenc.path("name").asText()).isEqualTo("h264_nvenc");
        assertThat(nvenc.path("usable").asBoolean()).isFalse();
        assertThat(nvenc.path("reason").asText()).isNotBlank();
    }
}
