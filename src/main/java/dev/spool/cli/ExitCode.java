package dev.spool.cli;

/** Process exit codes (DESIGN.md, Interfaces). */
public final class ExitCode {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Finished, but some clips failed or warned. */
    public static final int FINISHED_WITH_FAILURES = 1;
    /** The command line, a file or a requested operation was invalid. */
    public static final int INVALID_INPUT = 2;
    /** The environment is not usable: ffmpeg missing, database unreachable, data directory not writable. */
    public static final int ENVIRONMENT = 3;
    /** A bug: something unexpected happened inside Spool. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
