package dev.spool.preset;

/** Two presets of the same category (or two global presets / bundles) share an id. */
public final class DuplicatePresetIdException extends PresetValidationException {
    public DuplicatePresetIdException(PresetLocation location, String what, String id, PresetLocation first) {
        super(location, what + " id '" + id + "' is already defined at " + first);
    }
}
