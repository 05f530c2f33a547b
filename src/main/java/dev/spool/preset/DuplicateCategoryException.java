package dev.spool.preset;

/** A global preset references the same category more than once (e.g. {@code codec} and {@code CODEC}). */
public final class DuplicateCategoryException extends PresetValidationException {
    private final PresetCategory category;

    public DuplicateCategoryException(PresetLocation location, PresetCategory category) {
        super(location, "category '" + category.wireName() + "' is referenced more than once; a global preset "
                + "references exactly one preset per category");
        this.category = category;
    }

    public PresetCategory category() {
        return category;
    }
}
