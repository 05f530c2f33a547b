package dev.spool.preset.output;

import dev.spool.domain.SpoolException;

import java.nio.file.Path;

/** FOLDER_OUTPUT {@code mirror} needs the source inside the source root, whose tree it recreates. */
public final class SourceOutsideRootException extends SpoolException {
    private final Path source;
    private final Path sourceRoot;

    public SourceOutsideRootException(Path source, Path sourceRoot) {
        super("source " + source + " is not inside the source root " + sourceRoot
                + "; folder mode 'mirror' recreates the tree below the source root, so every source must be inside it");
        this.source = source;
        this.sourceRoot = sourceRoot;
    }

    public Path source() {
        return source;
    }

    public Path sourceRoot() {
        return sourceRoot;
    }
}
