package dev.spool.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spool presets}: the preset library (built-in and the presets folder). */
@Command(name = "presets",
        description = "List, show and validate presets.",
        subcommands = {PresetsListCommand.class, PresetsShowCommand.class, PresetsValidateCommand.class})
public final class PresetsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
