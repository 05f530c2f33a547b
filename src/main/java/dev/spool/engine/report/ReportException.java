package dev.spool.engine.report;

import dev.spool.domain.SpoolException;

import java.nio.file.Path;

/**
 * A report could not be written. Carries the path that failed. The engine logs it and moves on: a report
 * failure never changes a job's status.
 */
public final class ReportException extends SpoolException {
    private final transient Path path;

    public ReportException(Path path, String what, Throwable cause) {
        super("cannot write report " + path + ": " + what
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.path = path;
    }

    /** The report file or folder that could not be written. */
    public Path path() {
        return path;
    }
}
