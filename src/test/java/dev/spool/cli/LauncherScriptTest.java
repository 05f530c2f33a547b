package dev.spool.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ./spool} launcher at the repository root, run for real. */
class LauncherScriptTest {
    @Test
    void missing_ffmpeg_with_installs_disabled_prints_the_install_command_and_exits_3() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("spool").toAbsolutePath().toString(), "probe", "clip.mov");
        pb.environment().put("SPOOL_FFMPEG", "/nonexistent/ffmpeg");
        pb.environment().put("SPOOL_FFPROBE", "/nonexistent/ffprobe");
        pb.environment().put("SPOOL_NO_INSTALL", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(output).contains("ffmpeg and ffprobe are required").contains("sudo apt-get install ffmpeg");
        assertThat(output).doesNotContain("building");
    }

    @Test
    void the_launcher_is_executable() throws IOException {
        assertThat(Path.of("spool").toFile().canExecute()).isTrue();
    }
}
