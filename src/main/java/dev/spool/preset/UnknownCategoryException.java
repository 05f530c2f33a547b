package dev.spool.preset;

/** A file section or a global preset reference names a category that does not exist. */
public final class UnknownCategoryException extends PresetValidationException {
    private final String category;

    public UnknownCategoryException(PresetLocation location, String category) {
        super(location, "unknown category '" + category + "'; known categories: " + PresetCategory.wireNames());
        this.category = category;
    }

    public String category() {
        return category;
    }
}
