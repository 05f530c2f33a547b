package dev.spool.domain;

/** Base of Spool's unchecked exceptions; subclasses carry the ids a reader needs. */
public class SpoolException extends RuntimeException {
    public SpoolException(String message) {
        super(message);
    }

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
