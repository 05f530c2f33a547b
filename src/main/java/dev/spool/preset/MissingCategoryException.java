package dev.spool.preset;

/** A global preset does not reference a preset for one of the categories. */
public final class MissingCategoryException extends PresetValidationException {
    private final PresetCategory category;

    public MissingCategoryException(PresetLocation location, PresetCategory category) {
        super(location, "no '" + category.wireName() + "' preset referenced; a global preset references one preset of every category");
        this.category = category;
    }

    public PresetCategory category() {
        return category;
    }
}
