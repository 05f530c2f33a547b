package dev.spool.preset;

/** A preset file cannot be read or is not valid JSON / YAML. */
public final class UnreadablePresetFileException extends PresetValidationException {
    public UnreadablePresetFileException(PresetLocation location, String detail) {
        super(location, detail);
    }
}
