package dev.spool.cli;

/**
 * A user-facing failure with the exit code to leave with. The message is printed as is, without a
 * stack trace, so it must say what went wrong and how to fix it.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    private CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException invalidInput(String message) {
        return new CliException(ExitCode.INVALID_INPUT, message);
    }

    public static CliException environment(String message) {
        return new CliException(ExitCode.ENVIRONMENT, message);
    }

    public static CliException internal(String message) {
        return new CliException(ExitCode.INTERNAL, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
