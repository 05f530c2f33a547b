package dev.spool.preset;

/**
 * NAMING: how an output file is named, without its extension (the extension is the container).
 * File fields: {@code id, description, pattern}, e.g. {@code pattern: "{source_name}_{codec}"}.
 * See {@link NamingVariable} for the variables; an unknown variable is a validation error naming it.
 */
public record NamingPreset(String id, String description, NamingPattern pattern) implements CategoryPreset {

    @Override
    public PresetCategory category() {
        return PresetCategory.NAMING;
    }

    static NamingPreset read(StrictObjectReader r, String id, String description) {
        String text = r.requiredText("pattern");
        NamingPattern pattern = null;
        if (text != null) {
            try {
                pattern = NamingPattern.parse(text, r.at("pattern"));
            } catch (PresetValidationException e) {
                r.add(e);
            }
        }
        r.finish();
        return r.hasProblems() ? null : new NamingPreset(id, description, pattern);
    }
}
