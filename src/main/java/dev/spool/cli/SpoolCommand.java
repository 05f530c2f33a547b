package dev.spool.cli;

import dev.spool.Version;
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
                ProbeCommand.class,
                EncodersCommand.class,
        })
public final class SpoolCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the process exit code; user errors print one message, never a stack trace. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SpoolCommand());
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
