package dev.spool.preset;

/**
 * A referenced or requested preset does not exist. From loading, the location names the referencing
 * field; from {@link PresetRegistry#resolve(String)} the location is empty.
 */
public final class PresetNotFoundException extends PresetValidationException {
    private final String id;

    public PresetNotFoundException(PresetLocation location, String what, String id, String known) {
        super(location, what + " '" + id + "' not found" + (known.isEmpty() ? "" : "; known: " + known));
        this.id = id;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
