package dev.spool.preset;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one JSON/YAML object strictly: every field asked for is remembered, {@link #finish()} reports
 * any other field as unknown, wrong types are problems (never coerced), and problems are collected
 * instead of thrown so a file's errors are all reported at once. Getters return null after recording
 * a problem; callers check {@link #hasProblems()} before building a preset.
 */
final class StrictObjectReader {
    private final JsonNode node;
    private final PresetLocation at;
    private final List<PresetValidationException> problems;
    private final Path baseDir;
    private final Set<String> known = new LinkedHashSet<>();
    private final int problemsAtStart;

    /**
     * @param baseDir folder of the preset file, for resolving relative file references; null for the built-in library
     */
    StrictObjectReader(JsonNode node, PresetLocation at, List<PresetValidationException> problems, Path baseDir) {
        this.at = at;
        this.problems = problems;
        this.baseDir = baseDir;
        this.problemsAtStart = problems.size();
        if (node == null || !node.isObject()) {
            problems.add(new InvalidPresetValueException(at, "expected an object with fields, got " + describe(node)));
            this.node = null;
        } else {
            this.node = node;
        }
    }

    PresetLocation at() {
        return at;
    }

    PresetLocation at(String field) {
        return at.child(field);
    }

    Path baseDir() {
        return baseDir;
    }

    /** True when this object (or anything read through it) produced a problem. */
    boolean hasProblems() {
        return problems.size() > problemsAtStart;
    }

    void problem(String field, String detail) {
        problems.add(new InvalidPresetValueException(at(field), detail));
    }

    void add(PresetValidationException problem) {
        problems.add(problem);
    }

    /** The raw value of a field (null when absent or JSON null); marks the field as known. */
    JsonNode raw(String field) {
        known.add(field);
        if (node == null) return null;
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String field) {
        return raw(field) != null;
    }

    String requiredText(String field) {
        if (node != null && raw(field) == null) {
            missing(field);
            return null;
        }
        return optionalText(field);
    }

    String optionalText(String field) {
        JsonNode value = raw(field);
        if (value == null) return null;
        if (!value.isTextual()) {
            problem(field, "must be text, got " + describe(value));
            return null;
        }
        if (value.textValue().isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return value.textValue();
    }

    /**
     * Text, or a whole number taken as its digits. For values such as ProRes profile {@code 4444}, SVT-AV1 speed
     * {@code 8} or frame rate {@code 25} that YAML reads as numbers when unquoted; anything else must be text.
     */
    String optionalToken(String field) {
        JsonNode value = raw(field);
        if (value != null && value.isIntegralNumber()) return value.asText();
        return optionalText(field);
    }

    Integer requiredInt(String field, int min, int max) {
        if (node != null && raw(field) == null) {
            missing(field);
            return null;
        }
        return optionalInt(field, min, max);
    }

    Integer optionalInt(String field, int min, int max) {
        JsonNode value = raw(field);
        if (value == null) return null;
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, "must be a whole number, got " + describe(value));
            return null;
        }
        int v = value.intValue();
        if (v < min || v > max) {
            problem(field, "must be between " + min + " and " + max + ", got " + v);
            return null;
        }
        return v;
    }

    Double optionalNumber(String field, double min, double max) {
        JsonNode value = raw(field);
        if (value == null) return null;
        if (!value.isNumber()) {
            problem(field, "must be a number, got " + describe(value));
            return null;
        }
        double v = value.doubleValue();
        if (!(v >= min && v <= max)) {
            problem(field, "must be between " + min + " and " + max + ", got " + value.asText());
            return null;
        }
        return v;
    }

    boolean optionalBoolean(String field, boolean absentValue) {
        JsonNode value = raw(field);
        if (value == null) return absentValue;
        if (!value.isBoolean()) {
            problem(field, "must be true or false, got " + describe(value));
            return absentValue;
        }
        return value.booleanValue();
    }

    /** One of an enum's constants written in any case; the message lists the accepted values. */
    <E extends Enum<E>> E requiredChoice(String field, Class<E> type) {
        if (node != null && raw(field) == null) {
            problems.add(new MissingFieldException(at(field), field + " (one of " + choices(type) + ")"));
            return null;
        }
        return optionalChoice(field, type);
    }

    <E extends Enum<E>> E optionalChoice(String field, Class<E> type) {
        String text = optionalText(field);
        if (text == null) return null;
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) return constant;
        }
        problem(field, "unknown value '" + text + "'; one of: " + choices(type));
        return null;
    }

    /** A list of non-empty strings; null when absent. */
    List<String> optionalTextList(String field) {
        JsonNode value = raw(field);
        if (value == null) return null;
        if (!value.isArray()) {
            problem(field, "must be a list, got " + describe(value));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isTextual() || item.textValue().isBlank()) {
                problems.add(new InvalidPresetValueException(at(field).index(i), "must be non-empty text, got " + describe(item)));
                return null;
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A nested object, read strictly too; null when absent. */
    StrictObjectReader optionalObject(String field) {
        JsonNode value = raw(field);
        return value == null ? null : new StrictObjectReader(value, at(field), problems, baseDir);
    }

    /** A folder written relative (no {@code ..}) or, when {@code absoluteAllowed}, absolute. */
    String optionalFolder(String field, boolean absoluteAllowed) {
        String text = optionalText(field);
        if (text == null) return null;
        Path path;
        try {
            path = Path.of(text);
        } catch (RuntimeException e) {
            problem(field, "not a valid path: " + text);
            return null;
        }
        if (path.isAbsolute() && !absoluteAllowed) {
            problem(field, "must be a relative folder, got absolute path '" + text + "'");
            return null;
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                problem(field, "must not contain '..' (outputs never escape their root): '" + text + "'");
                return null;
            }
        }
        return text;
    }

    /** Reports every field that was never asked for as unknown. Call after reading all fields. */
    void finish() {
        if (node == null) return;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new UnknownFieldException(at(name), String.join(", ", known)));
            }
        }
    }

    private void missing(String field) {
        problems.add(new MissingFieldException(at(field), field));
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "nothing";
        if (node.isTextual()) return "text '" + node.textValue() + "'";
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node.asText();
    }
}
