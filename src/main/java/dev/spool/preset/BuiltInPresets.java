package dev.spool.preset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The preset library shipped in the jar, under {@code dev/spool/preset/builtin/}. Files are listed here
 * because a jar's resources cannot be listed portably. Messages name them {@code builtin:<file>}.
 */
final class BuiltInPresets {
    static final String RESOURCE_FOLDER = "/dev/spool/preset/builtin/";
    static final List<String> FILES = List.of(
            "codec.yaml", "scaling.yaml", "watermark.yaml", "naming.yaml", "folder_output.yaml",
            "exclusions.yaml", "duplicates.yaml", "queue.yaml", "reporting.yaml", "global.yaml", "bundle.yaml");

    private BuiltInPresets() {
    }

    static String label(String file) {
        return "builtin:" + file;
    }

    static String read(String file) {
        try (InputStream in = BuiltInPresets.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
            if (in == null) throw new IllegalStateException("built-in preset file missing from the jar: " + RESOURCE_FOLDER + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in preset file " + file, e);
        }
    }
}
