package dev.spool.preset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Test fixtures: preset files written into a temporary presets folder. */
final class PresetFiles {
    /** A complete set of references to built-in category presets, to splice into a global preset. */
    static final String BUILT_IN_REFERENCES = "scaling: source, watermark: none, naming: source_name, folder_output: mirror, "
            + "exclusions: default, duplicates: suffix, queue: default, reporting: default";

    private PresetFiles() {
    }

    static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code dir} and returns the problems it must have. */
    static InvalidPresetsException loadFailing(Path dir) {
        InvalidPresetsException e = catchThrowableOfType(() -> PresetRegistry.load(dir), InvalidPresetsException.class);
        if (e == null) throw new AssertionError("expected " + dir + " to be rejected, but it loaded");
        return e;
    }

}
