package dev.spool.engine.report;

import dev.spool.Version;
import org.junit.jupiter.api.Test;

import static dev.spool.engine.report.ReportFixtures.CLOCK;
import static dev.spool.engine.report.ReportFixtures.TOOLS;
import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticsTest {

    @Test
    void captures_spool_java_os_and_the_tools_in_use_at_the_clocks_time() {
        Diagnostics d = Diagnostics.capture(TOOLS, CLOCK);

        assertThat(d.spoolVersion()).isEqualTo(Version.get());
        assertThat(d.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(d.javaVendor()).isEqualTo(System.getProperty("java.vendor"));
        assertThat(d.osName()).isEqualTo(System.getProperty("os.name"));
        assertThat(d.osArch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(d.ffmpegPath()).isEqualTo("/usr/bin/ffmpeg");
        assertThat(d.ffmpegVersion()).isEqualTo("5.1.6-0+deb12u1");
        assertThat(d.ffprobePath()).isEqualTo("/usr/bin/ffprobe");
        assertThat(d.ffprobeVersion()).isEqualTo("5.1.6-0+deb12u1");
        assertThat(d.generatedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void tools_that_were_not_located_are_unknown_not_an_error() {
        Diagnostics d = Diagnostics.capture(null, CLOCK);

        assertThat(d.ffmpegPath()).isNull();
        assertThat(d.ffmpegVersion()).isNull();
        assertThat(d.ffprobePath()).isNull();
        assertThat(d.ffprobeVersion()).isNull();
        assertThat(d.spoolVersion()).isNotBlank();
    }
}
