package dev.spool.preset.output;

import dev.spool.domain.SpoolException;

import java.nio.file.Path;

/** An output cannot be given a path under its DUPLICATES policy. The message names the output and the path. */
public final class OutputCollisionException extends SpoolException {

    /** Why no path could be chosen. */
    public enum Reason {
        /** The file exists and the policy is {@code fail}. */
        EXISTS,
        /** {@code _001} to {@code _999} all exist (policy {@code suffix}). */
        SUFFIXES_EXHAUSTED,
        /** Two outputs of the same source would be written to the same path (policy {@code overwrite} or {@code fail}). */
        SAME_PATH_AS_OTHER_OUTPUT,
        /** The path is the source itself; sources are never modified. */
        WOULD_OVERWRITE_SOURCE
    }

    private final Reason reason;
    private final Path path;
    private final String output;

    public OutputCollisionException(Reason reason, String output, Path path) {
        super(describe(reason, output, path));
        this.reason = reason;
        this.path = path;
        this.output = output;
    }

    public Reason reason() {
        return reason;
    }

    /** The path that could not be used (for {@link Reason#SUFFIXES_EXHAUSTED}, the unsuffixed one). */
    public Path path() {
        return path;
    }

    /** The output's name ({@code OutputSpec.name}). */
    public String output() {
        return output;
    }

    private static String describe(Reason reason, String output, Path path) {
        return switch (reason) {
            case EXISTS -> "output '" + output + "': " + path + " already exists and the duplicates policy is 'fail'";
            case SUFFIXES_EXHAUSTED -> "output '" + output + "': " + path + " and its numbered variants _001 to _"
                    + DuplicateResolver.MAX_SUFFIX + " all exist; clean up the output folder or choose another naming preset";
            case SAME_PATH_AS_OTHER_OUTPUT -> "output '" + output + "': " + path
                    + " is also the path of another output of the same source; give the outputs different naming or folder presets";
            case WOULD_OVERWRITE_SOURCE -> "output '" + output + "': " + path
                    + " is the source file itself; sources are never overwritten, choose another output folder or naming preset";
        };
    }
}
