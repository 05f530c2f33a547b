package dev.spool.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed file name pattern such as {@code {source_name}_{codec}}: literal text and {@link NamingVariable}s.
 * The pattern names the file without its extension (the extension is the output's container).
 * Rendering substitutes values verbatim; making the result safe for a file system is the planner's job
 * ({@code FileNameSanitizer}) because variable values come from media metadata and may contain anything.
 */
public final class NamingPattern {
    /** What a variable renders as when the caller has no value for it: explicit, never guessed. */
    public static final String MISSING_VALUE = "unknown";

    private sealed interface Part permits Literal, Variable {
    }

    private record Literal(String text) implements Part {
    }

    private record Variable(NamingVariable variable) implements Part {
    }

    private final String pattern;
    private final List<Part> parts;

    private NamingPattern(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a pattern.
     *
     * @param at where the pattern was written, for the error message
     * @throws UnknownNamingVariableException for a {@code {name}} that is not a {@link NamingVariable}
     * @throws InvalidPresetValueException    for an empty pattern, unbalanced braces or a path separator
     */
    public static NamingPattern parse(String pattern, PresetLocation at) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidPresetValueException(at, "naming pattern must not be empty");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int end = pattern.indexOf('}', i + 1);
                if (end < 0) throw new InvalidPresetValueException(at, "unclosed '{' at position " + i + " in '" + pattern + "'");
                String token = pattern.substring(i + 1, end);
                NamingVariable variable = NamingVariable.fromToken(token)
                        .orElseThrow(() -> new UnknownNamingVariableException(at, token));
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Variable(variable));
                i = end + 1;
            } else if (c == '}') {
                throw new InvalidPresetValueException(at, "'}' without '{' at position " + i + " in '" + pattern + "'");
            } else if (c == '/' || c == '\\') {
                // Folders are FOLDER_OUTPUT's concern; a separator here would silently create directories.
                throw new InvalidPresetValueException(at, "naming pattern must not contain path separators ('/' or '\\'); "
                        + "use a folder_output preset for folders");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
        return new NamingPattern(pattern, parts);
    }

    /**
     * Substitutes the variables. A variable absent from {@code values} (or null) renders as {@link #MISSING_VALUE}.
     * The result is not sanitized.
     */
    public String render(Map<NamingVariable, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Variable v) {
                String value = values.get(v.variable());
                out.append(value == null || value.isEmpty() ? MISSING_VALUE : value);
            }
        }
        return out.toString();
    }

    /** The variables this pattern uses, in order of appearance. */
    public List<NamingVariable> variables() {
        return parts.stream().filter(p -> p instanceof Variable).map(p -> ((Variable) p).variable()).toList();
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamingPattern other && other.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
