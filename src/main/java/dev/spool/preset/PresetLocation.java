package dev.spool.preset;

/**
 * Where a preset or one of its fields was written, for error messages a user can act on.
 *
 * @param file  the preset file as the user knows it (a path, or {@code builtin:codec.yaml} for the library)
 * @param field the field path inside the file, e.g. {@code codec[2].profile}; empty for the whole file
 */
public record PresetLocation(String file, String field) {
    public PresetLocation {
        file = file == null ? "" : file;
        field = field == null ? "" : field;
    }

    /** The location of a field below this one: {@code child("profile")} or {@code child("[2]")}. */
    public PresetLocation child(String name) {
        if (field.isEmpty()) return new PresetLocation(file, name);
        return new PresetLocation(file, name.startsWith("[") ? field + name : field + "." + name);
    }

    /** The location of the {@code index}-th element of the list at this location. */
    public PresetLocation index(int index) {
        return child("[" + index + "]");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? file : file + ": " + field;
    }
}
