package dev.spool.preset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The variables a naming pattern may use, written {@code {source_name}}, {@code {fps}} ... in patterns.
 * The first three are filled by the output path planner; the rest come from the source's metadata,
 * supplied by the caller (the engine, from ffprobe).
 */
public enum NamingVariable {
    /** Source file name without its extension. Filled by the planner. */
    SOURCE_NAME(true),
    /** Id of the global preset that produces this output. Filled by the planner. */
    PRESET(true),
    /** Id of the output's codec preset, e.g. {@code prores_proxy}. Filled by the planner. */
    CODEC(true),
    /** Source width in pixels. */
    WIDTH(false),
    /** Source height in pixels. */
    HEIGHT(false),
    /** Source frame rate as the caller formats it, e.g. {@code 23.976}. */
    FPS(false),
    /** Source start timecode; ':' and ';' become '_' when the name is sanitized. */
    TIMECODE(false),
    /** Source reel / tape name. */
    REEL(false),
    /** A date the caller chooses (typically the job's creation date, {@code 2024-05-01}). */
    DATE(false);

    private final boolean filledByPlanner;

    NamingVariable(boolean filledByPlanner) {
        this.filledByPlanner = filledByPlanner;
    }

    /** The name inside the braces. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for variables the planner derives itself; callers must not supply them. */
    public boolean filledByPlanner() {
        return filledByPlanner;
    }

    /** Exact, case-sensitive lookup of a token. */
    public static Optional<NamingVariable> fromToken(String token) {
        return Arrays.stream(values()).filter(v -> v.token().equals(token)).findFirst();
    }

    /** The known variables, for error messages. */
    public static String tokens() {
        return Arrays.stream(values()).map(v -> "{" + v.token() + "}").collect(Collectors.joining(", "));
    }
}
