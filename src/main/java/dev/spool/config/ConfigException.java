package dev.spool.config;

import dev.spool.domain.SpoolException;

/** Invalid configuration; the message names the file or variable and the field. */
public final class ConfigException extends SpoolException {
    public ConfigException(String message) {
        super(message);
    }
}
