package dev.spool.ingest;

import dev.spool.domain.SpoolException;

/** A download that did not produce an accepted file; {@link #retryable()} says whether trying again may help. */
public final class DownloadException extends SpoolException {
    private final boolean retryable;

    public DownloadException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DownloadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
