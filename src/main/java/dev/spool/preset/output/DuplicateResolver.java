package dev.spool.preset.output;

import dev.spool.preset.DuplicatesPreset.Policy;

import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Decides the final path of an output whose desired path may be taken, per DUPLICATES policy. Pure: "taken"
 * is whatever the predicate says.
 */
public final class DuplicateResolver {
    /** The highest numeric suffix tried, {@code _999}. */
    public static final int MAX_SUFFIX = 999;

    private DuplicateResolver() {
    }

    /**
     * @param desired the path the naming and folder presets give ({@code name.ext})
     * @param taken   true for a path that must not be written (exists on disk, or planned for another output)
     * @param output  the output's name, for the error message
     * @return {@code desired} when free or when the policy is overwrite; else {@code name_001.ext}, {@code name_002.ext} ...
     * @throws OutputCollisionException EXISTS under {@code fail}, SUFFIXES_EXHAUSTED when _001.._999 are all taken
     */
    public static Path resolve(Path desired, Policy policy, Predicate<Path> taken, String output) {
        if (policy == Policy.OVERWRITE || !taken.test(desired)) return desired;
        if (policy == Policy.FAIL) throw new OutputCollisionException(OutputCollisionException.Reason.EXISTS, output, desired);
        String fileName = desired.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            Path candidate = desired.resolveSibling(String.format("%s_%03d%s", stem, n, extension));
            if (!taken.test(candidate)) return candidate;
        }
        throw new OutputCollisionException(OutputCollisionException.Reason.SUFFIXES_EXHAUSTED, output, desired);
    }
}
