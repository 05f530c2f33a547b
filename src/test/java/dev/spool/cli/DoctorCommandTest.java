package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_healthy_machine_passes_every_check_and_creates_the_embedded_database() throws Exception {
        CliRun run = CliRun.of("doctor", "--data-dir", dir.toString(), "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("checks")).extracting(c -> c.get("name").asText())
                .containsExactly("java", "ffmpeg", "data dir", "database", "disk");
        assertThat(doc.get("checks").get(3).get("detail").asText()).contains("schema version 3");
        assertThat(Files.exists(dir.resolve("spool.db"))).isTrue();
    }

    @Test
    void an_unreachable_database_is_an_environment_failure_with_a_fix() {
        CliRun run = CliRun.of("doctor", "--data-dir", dir.toString(),
                "--db", "postgresql://127.0.0.1:1/nowhere?user=x&connectTimeout=1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(run.out()).contains("FAIL database").contains("fix: start PostgreSQL");
    }

    @Test
    void a_bad_database_url_is_invalid_input_without_a_stack_trace() {
        CliRun run = CliRun.of("doctor", "--data-dir", dir.toString(), "--db", "mysql://localhost/x");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("unsupported database URL").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_setting_in_spool_yaml_is_named() throws Exception {
        Files.writeString(dir.resolve("spool.yaml"), "db: sqlite:" + dir.resolve("x.db") + "\nffmpge: /usr/bin/ffmpeg\n");

        CliRun run = CliRun.of("doctor", "--data-dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("spool.yaml").contains("'ffmpge'");
    }

    @Test
    void version_names_spool_and_java() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("spool ").contains("java 17");
    }
}
