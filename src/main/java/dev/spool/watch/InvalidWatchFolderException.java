package dev.spool.watch;

import dev.spool.domain.SpoolException;

/**
 * Watch folder settings that cannot be accepted. {@link #field()} names the offending field ({@code path},
 * {@code preset}, {@code outputDir}, {@code extensions[1]} ...) so the API and the CLI can say which one.
 */
public final class InvalidWatchFolderException extends SpoolException {
    private final String field;

    public InvalidWatchFolderException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
