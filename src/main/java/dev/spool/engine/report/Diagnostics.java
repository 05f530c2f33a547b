package dev.spool.engine.report;

import dev.spool.Version;
import dev.spool.media.tools.MediaTools;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;

/**
 * The environment a report was generated in, captured once per report so a reader can tell which
 * Spool, Java, machine and FFmpeg produced the outputs. Capturing never fails: a value that cannot be
 * read is null ("unknown"), never a reason to lose the report.
 *
 * @param ffmpegPath     null when no {@link MediaTools} were given (ffmpeg not located)
 * @param ffmpegVersion  the version word ffmpeg printed, e.g. {@code 5.1.6-0+deb12u1}; null when unknown
 * @param generatedAt    when the report was generated, from the injected clock
 */
public record Diagnostics(
        String spoolVersion,
        String javaVersion,
        String javaVendor,
        String osName,
        String osVersion,
        String osArch,
        String hostname,
        String ffmpegPath,
        String ffmpegVersion,
        String ffprobePath,
        String ffprobeVersion,
        Instant generatedAt) {

    /**
     * Reads the environment now.
     *
     * @param tools the located ffmpeg/ffprobe, or null when they could not be located
     * @param clock source of {@link #generatedAt()}
     */
    public static Diagnostics capture(MediaTools tools, Clock clock) {
        return new Diagnostics(
                Version.get(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                localHostname(),
                tools == null ? null : stringOrNull(tools.ffmpeg()),
                tools == null ? null : stringOrNull(tools.ffmpegVersion()),
                tools == null ? null : stringOrNull(tools.ffprobe()),
                tools == null ? null : stringOrNull(tools.ffprobeVersion()),
                clock.instant());
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            // A misconfigured resolver must not cost the report; the shell's variable is a fair second source.
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? null : env;
        }
    }

    private static String stringOrNull(Object o) {
        return o == null ? null : o.toString();
    }
}
