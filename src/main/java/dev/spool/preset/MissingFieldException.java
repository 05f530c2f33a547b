package dev.spool.preset;

/** A required field is absent or null. */
public final class MissingFieldException extends PresetValidationException {
    public MissingFieldException(PresetLocation location, String what) {
        super(location, "required field is missing: " + what);
    }
}
