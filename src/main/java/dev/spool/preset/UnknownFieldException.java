package dev.spool.preset;

/** A preset contains a field its category does not define (typos are never ignored). */
public final class UnknownFieldException extends PresetValidationException {
    public UnknownFieldException(PresetLocation location, String allowedFields) {
        super(location, "unknown field; allowed fields here: " + allowedFields);
    }
}
