package dev.spool.store;

/** The database cannot be reached or opened; the message says which URL and why. */
public final class DatabaseUnavailableException extends StoreException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
