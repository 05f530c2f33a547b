package dev.spool.preset;

/** A field is present but its value is not allowed (wrong type, out of range, unknown option, conflicting fields). */
public final class InvalidPresetValueException extends PresetValidationException {
    public InvalidPresetValueException(PresetLocation location, String detail) {
        super(location, detail);
    }
}
