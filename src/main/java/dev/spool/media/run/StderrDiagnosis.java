package dev.spool.media.run;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks the line of FFmpeg's stderr that explains a failure, so a report can say "Cannot load
 * libcuda.so.1" rather than FFmpeg's generic last words ("Conversion failed!").
 */
public final class StderrDiagnosis {
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^]]+ @ 0x[0-9a-f]+] ");
    private static final List<String> GENERIC = List.of(
            "conversion failed!", "error initializing output stream", "error while opening encoder",
            "error reinitializing filters!", "error while processing the decoded data",
            "error while filtering", "exiting normally", "error while decoding");
    private static final List<String> SIGNALS = List.of(
            "error", "cannot", "can't", "could not", "couldn't", "failed", "invalid", "no such",
            "not found", "not supported", "unsupported", "unable", "impossible", "permission denied",
            "does not", "no device", "not implemented", "too old", "too small", "is not");

    private StderrDiagnosis() {
    }

    /**
     * The first line that names a specific problem, stripped of FFmpeg's {@code [ctx @ 0x..]}
     * prefix; else the last line; null when there is none.
     */
    public static String meaningfulLine(List<String> stderr) {
        String fallback = null;
        for (String raw : stderr) {
            String line = CONTEXT_PREFIX.matcher(raw.strip()).replaceFirst("");
            if (line.isEmpty()) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            boolean generic = GENERIC.stream().anyMatch(lower::startsWith);
            if (!generic && SIGNALS.stream().anyMatch(lower::contains)) {
                return line;
            }
            fallback = line;
        }
        return fallback;
    }
}
