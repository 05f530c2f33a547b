package dev.spool.media.tools;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an FFmpeg tool reports on the first line of {@code -version}.
 *
 * @param raw   the version word as printed, e.g. {@code 5.1.9-0+deb12u1}, {@code n6.1}, {@code N-112233-gabc}
 * @param major major number, or -1 when the build does not carry one (git snapshots)
 * @param minor minor number, or -1 when unknown
 */
public record ToolVersion(String raw, int major, int minor) implements Comparable<ToolVersion> {
    private static final Pattern FIRST_LINE = Pattern.compile("^\\S+ version (\\S+)");
    private static final Pattern NUMBERS = Pattern.compile("^n?(\\d+)\\.(\\d+)");

    /** The oldest FFmpeg Spool supports. */
    public static final ToolVersion MINIMUM = new ToolVersion("4.4", 4, 4);

    /** Parses the first line of {@code ffmpeg -version} / {@code ffprobe -version}; empty when it is not one. */
    public static Optional<ToolVersion> parse(String versionOutput) {
        String firstLine = versionOutput.strip().lines().findFirst().orElse("");
        Matcher m = FIRST_LINE.matcher(firstLine);
        if (!m.find()) {
            return Optional.empty();
        }
        String raw = m.group(1);
        Matcher n = NUMBERS.matcher(raw);
        if (n.find()) {
            return Optional.of(new ToolVersion(raw, Integer.parseInt(n.group(1)), Integer.parseInt(n.group(2))));
        }
        return Optional.of(new ToolVersion(raw, -1, -1));
    }

    /** True for numbered releases; git snapshot builds ({@code N-…}) carry no number. */
    public boolean isNumbered() {
        return major >= 0;
    }

    /**
     * Whether Spool can use this version. Snapshot builds without a number are accepted: they are
     * built from FFmpeg's master branch, which is newer than any release.
     */
    public boolean isSupported() {
        return !isNumbered() || compareTo(MINIMUM) >= 0;
    }

    @Override
    public int compareTo(ToolVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return raw;
    }
}
