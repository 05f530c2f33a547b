package dev.spool.media.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolLocatorTest {

    @Test
    void finds_both_tools_on_path_with_their_versions() {
        MediaTools tools = new ToolLocator(Map.of("PATH", "/nonexistent:/usr/bin")).locate();

        assertThat(tools.ffmpeg()).isEqualTo(Path.of("/usr/bin/ffmpeg"));
        assertThat(tools.ffprobe()).isEqualTo(Path.of("/usr/bin/ffprobe"));
        assertThat(tools.ffmpegVersion().isSupported()).isTrue();
        assertThat(tools.describe()).startsWith("ffmpeg " + tools.ffmpegVersion().raw() + " (/usr/bin/ffmpeg)");
    }

    @Test
    void an_explicit_setting_that_is_wrong_is_reported_not_skipped() {
        ToolLocator locator = new ToolLocator(Map.of("PATH", "/usr/bin", "SPOOL_FFPROBE", "/opt/none/ffprobe"));

        assertThatThrownBy(locator::locate).isInstanceOfSatisfying(MediaToolsException.class, e -> {
            assertThat(e.tool()).isEqualTo("ffprobe");
            assertThat(e.problem()).isEqualTo(MediaToolsException.Problem.NOT_FOUND);
            assertThat(e.getMessage()).startsWith("ffprobe not found at /opt/none/ffprobe (from SPOOL_FFPROBE=/opt/none/ffprobe)")
                    .contains("sudo apt-get install ffmpeg");
        });
    }

    @Test
    void nothing_on_path_says_where_it_looked() {
        assertThatThrownBy(() -> new ToolLocator(Map.of("PATH", "/nonexistent")).locate())
                .hasMessageStartingWith("ffmpeg not found: no configured path, SPOOL_FFMPEG is not set, and no 'ffmpeg' on PATH (/nonexistent)");
    }

    @Test
    void a_too_old_ffmpeg_is_refused(@TempDir Path dir) throws IOException {
        Path old = fakeTool(dir, "ffmpeg", "ffmpeg version 4.2.7-0ubuntu0.1 Copyright (c) 2000-2022");

        assertThatThrownBy(() -> new ToolLocator(Map.of("PATH", "/usr/bin")).locate(old, null))
                .isInstanceOfSatisfying(MediaToolsException.class, e -> {
                    assertThat(e.problem()).isEqualTo(MediaToolsException.Problem.TOO_OLD);
                    assertThat(e.getMessage()).contains("ffmpeg 4.2.7-0ubuntu0.1 at " + old + " is too old: Spool needs 4.4 or newer");
                });
    }

    @Test
    void something_that_is_not_ffmpeg_is_refused(@TempDir Path dir) throws IOException {
        Path impostor = fakeTool(dir, "ffmpeg", "hello");

        assertThatThrownBy(() -> new ToolLocator(Map.of()).locate(impostor, null))
                .isInstanceOfSatisfying(MediaToolsException.class,
                        e -> assertThat(e.problem()).isEqualTo(MediaToolsException.Problem.NOT_FFMPEG));
    }

    @Test
    void versions_parse_from_releases_distributions_and_snapshots() {
        assertThat(ToolVersion.parse("ffmpeg version 5.1.9-0+deb12u1 Copyright").orElseThrow())
                .extracting(ToolVersion::major, ToolVersion::minor).containsExactly(5, 1);
        assertThat(ToolVersion.parse("ffmpeg version n6.1 Copyright").orElseThrow().major()).isEqualTo(6);
        assertThat(ToolVersion.parse("ffmpeg version 4.4.2-0ubuntu0.22.04.1").orElseThrow().isSupported()).isTrue();
        assertThat(ToolVersion.parse("ffmpeg version 4.3.1").orElseThrow().isSupported()).isFalse();
        assertThat(ToolVersion.parse("ffmpeg version N-112233-gabcdef").orElseThrow().isSupported()).isTrue();
        assertThat(ToolVersion.parse("bash: ffmpeg: command not found")).isEmpty();
    }

    private static Path fakeTool(Path dir, String name, String versionLine) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
