package dev.spool.engine;

import dev.spool.domain.SpoolException;

/**
 * A job request that cannot be accepted. {@link #field()} names the offending field (e.g. {@code sources[2]},
 * {@code preset}, {@code outputDir}) so an API or form can show the message next to it.
 */
public final class InvalidJobRequestException extends SpoolException {
    private final String field;

    public InvalidJobRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
