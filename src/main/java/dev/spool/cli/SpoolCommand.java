package dev.spool.cli;

import dev.spool.Version;
import dev.spool.config.ConfigException;
import dev.spool.store.DatabaseUnavailableException;
import dev.spool.store.SchemaTooNewException;
import dev.spool.domain.IllegalTransitionException;
import dev.spool.domain.NotFoundException;
import dev.spool.domain.OperationRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code spool} command: global options and the list of subcommands. */
@Command(name = "spool",
        mixinStandardHelpOptions = true,
        versionProvider = SpoolCommand.VersionProvider.class,
        description = "Spool: a self-hosted media job engine on FFmpeg.",
        subcommands = {
                DoctorCommand.class,
                DemoCommand.class,
                RunCommand.class,
                SubmitCommand.class,
                ServeCommands.Serve.class,
                ServeCommands.Worker.class,
                JobsCommand.class,
                ShowCommand.class,
                ControlCommands.Start.class,
                ControlCommands.Resume.class,
                ControlCommands.RetryFailed.class,
                ControlCommands.Cancel.class,
                ControlCommands.Pause.class,
                ControlCommands.Rebind.class,
                PresetsCommand.class,
                ProbeCommand.class,
                EncodersCommand.class,
                TokenCommand.class,
                OperationCommands.Sequence.class,
                OperationCommands.Concat.class,
                OperationCommands.Extract.class,
                OperationCommands.Render.class,
                OperationCommands.Thumbnails.class,
                OperationCommands.Ingest.class,
                OperationCommands.Do.class,
                WatchCommand.class,
        })
public final class SpoolCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where confirmations are read from (System.in, or a test's input). */
    java.io.InputStream in = System.in;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the process exit code; user errors print one message, never a stack trace. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return newCommandLine(System.in);
    }

    static CommandLine newCommandLine(java.io.InputStream in) {
        SpoolCommand root = new SpoolCommand();
        root.in = in;
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler(SpoolCommand::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("spool: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID_INPUT;
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CliException c ? c.exitCode() : ExitCode.INTERNAL);
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof CliException c) {
            err.println("spool: " + c.getMessage());
            return c.exitCode();
        }
        if (ex instanceof DatabaseUnavailableException || ex instanceof SchemaTooNewException) {
            err.println("spool: " + ex.getMessage());
            return ExitCode.ENVIRONMENT;
        }
        if (ex instanceof dev.spool.api.InsecureListenException) {
            err.println("spool: " + ex.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        if (ex instanceof ConfigException) {
            err.println("spool: configuration: " + ex.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        if (ex instanceof dev.spool.preset.PresetValidationException
                || ex instanceof dev.spool.preset.InvalidPresetsException) {
            err.println("spool: " + ex.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        if (ex instanceof OperationRefusedException || ex instanceof IllegalTransitionException
                || ex instanceof NotFoundException || ex instanceof IllegalArgumentException) {
            err.println("spool: " + ex.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        err.println("spool: internal error: " + ex);
        ex.printStackTrace(err);
        return ExitCode.INTERNAL;
    }

    /** Prints Spool's version with the Java runtime it runs on. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spool " + Version.get(),
                    "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
