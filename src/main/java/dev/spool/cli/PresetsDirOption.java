package dev.spool.cli;

import dev.spool.preset.InvalidPresetsException;
import dev.spool.preset.PresetRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The {@code --presets-dir} option shared by the {@code presets} commands, and loading the registry from it. */
final class PresetsDirOption {
    /** Default presets folder: {@code presets/} in the default data directory. */
    static final String DEFAULT = "./spool-data/presets";

    @Option(names = "--presets-dir", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "Folder of user presets (.json, .yaml, .yml), added to the built-in library. "
                    + "Default: ${DEFAULT-VALUE}; a missing folder means built-in presets only.")
    Path presetsDir;

    /** The built-in library plus the folder (plus {@code extraFiles}); invalid presets are invalid input. */
    PresetRegistry load(List<Path> extraFiles) {
        try {
            return PresetRegistry.load(presetsDir, extraFiles);
        } catch (InvalidPresetsException e) {
            throw CliException.invalidInput(e.getMessage());
        }
    }
}
