package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spool(String... args) {
        CommandLine cl = SpoolCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void good_files_exit_0_with_readable_output() {
        int code = spool("probe", TestMedia.dropFrameTimecode2997().toString(), TestMedia.dashNamed().toString());

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString())
                .contains("01:00:00;00 drop-frame, reel A001")
                .contains("frame rate 30000/1001")
                .contains("-dash start.mp4: 320x180 h264");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_bad_input_exits_2_and_the_good_ones_are_still_printed_as_json() throws Exception {
        int code = spool("probe", "--json", TestMedia.multiAudio().toString(), TestMedia.textAsMov().toString(),
                TestMedia.missing().toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        JsonNode good = array.get(0);
        assertThat(good.path("status").asText()).isEqualTo("probed");
        assertThat(good.at("/metadata/time/frameRate").asText()).isEqualTo("25/1");
        assertThat(good.at("/metadata/audio")).hasSize(3);
        // unknown values are explicit nulls, not absent keys
        assertThat(good.at("/metadata/time").has("startTimecode")).isTrue();
        assertThat(good.at("/metadata/time/startTimecode").isNull()).isTrue();
        assertThat(good.at("/metadata/identity/path").asText()).startsWith("/");
        assertThat(array.get(1).path("kind").asText()).isEqualTo("not-media");
        assertThat(array.get(2).path("kind").asText()).isEqualTo("missing");
        assertThat(err.toString().strip()).isEqualTo("spool: 2 of 3 inputs could not be read as media");
    }

    @Test
    void no_file_is_a_usage_error() {
        assertThat(spool("probe")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).startsWith("spool: Missing required parameter");
    }
}
