package dev.spool.preset;

import dev.spool.domain.SpoolException;

/**
 * Base of every preset validation failure. The message starts with the file and the field
 * ({@code presets/mine.yaml: codec[0].profile: ...}) so a user can go straight to the line to fix.
 * Loading collects these rather than stopping at the first; see {@link InvalidPresetsException}.
 */
public class PresetValidationException extends SpoolException {
    private final PresetLocation location;
    private final String detail;

    public PresetValidationException(PresetLocation location, String detail) {
        super(location == null || location.toString().isEmpty() ? detail : location + ": " + detail);
        this.location = location == null ? new PresetLocation("", "") : location;
        this.detail = detail;
    }

    /** The file and field the problem is in. */
    public PresetLocation location() {
        return location;
    }

    /** The problem without the location prefix. */
    public String detail() {
        return detail;
    }
}
