package dev.spool.cli;

import dev.spool.preset.PresetRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spool presets validate FILE}: checks a preset file together with the built-in library and the presets
 * folder (so it may reference their presets). Exit 0 when valid; exit 2 listing every problem with file and field.
 */
@Command(name = "validate", description = "Validate a preset file (JSON or YAML) against the built-in and folder presets. "
        + "Exit 0 when valid, 2 listing every problem.")
public final class PresetsValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PresetsDirOption presets;

    @Parameters(paramLabel = "FILE", description = "The preset file to check.")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) throw CliException.invalidInput(file + ": no such file");
        PresetRegistry registry = presets.load(List.of(file));
        PrintWriter out = spec.commandLine().getOut();
        List<String> defined = registry.definedIn(file.toString());
        out.println(file + ": valid, " + defined.size() + (defined.size() == 1 ? " preset" : " presets")
                + (defined.isEmpty() ? "" : ": " + String.join(", ", defined)));
        out.flush();
        return ExitCode.OK;
    }
}
