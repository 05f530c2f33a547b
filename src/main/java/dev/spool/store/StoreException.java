package dev.spool.store;

import dev.spool.domain.SpoolException;

/** A database failure, wrapped once at the store boundary with what was being done. */
public class StoreException extends SpoolException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
