package dev.spool.preset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EXCLUSIONS: sources that are not processed; their task becomes SKIPPED with the reason this preset gives.
 * File fields: {@code id, description, extensions, names, min_duration_seconds, skip_hidden}.
 * <ul>
 *   <li>{@code extensions}: lower-case extensions without dot, e.g. {@code [xml, txt]}; matched case-insensitively.</li>
 *   <li>{@code names}: file name patterns with {@code *} (any run of characters) and {@code ?} (one character),
 *       matched case-insensitively against the file name only.</li>
 *   <li>{@code min_duration_seconds}: sources shorter than this are skipped (checked once the duration is known).</li>
 *   <li>{@code skip_hidden}: skip names starting with '.', such as macOS {@code ._A001.mov} resource forks. Default false.</li>
 * </ul>
 */
public record ExclusionsPreset(String id, String description, List<String> extensions, List<String> names,
                               Double minDurationSeconds, boolean skipHidden) implements CategoryPreset {

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,16}");

    public ExclusionsPreset {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        names = names == null ? List.of() : List.copyOf(names);
    }

    @Override
    public PresetCategory category() {
        return PresetCategory.EXCLUSIONS;
    }

    /**
     * Why {@code source} must be skipped, or empty to process it.
     *
     * @param durationSeconds the probed duration, or null when not known yet (then duration is not checked;
     *                        call again after probing)
     */
    public Optional<String> skipReason(Path source, Double durationSeconds) {
        String fileName = source.getFileName() == null ? "" : source.getFileName().toString();
        if (skipHidden && fileName.startsWith(".")) {
            return Optional.of("hidden file '" + fileName + "' excluded by exclusions preset '" + id + "'");
        }
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (extensions.contains(extension)) {
            return Optional.of("extension ." + extension + " excluded by exclusions preset '" + id + "'");
        }
        for (String name : names) {
            if (globToRegex(name).matcher(fileName).matches()) {
                return Optional.of("name '" + fileName + "' matches '" + name + "' excluded by exclusions preset '" + id + "'");
            }
        }
        if (durationSeconds != null && minDurationSeconds != null && durationSeconds < minDurationSeconds) {
            return Optional.of("duration " + durationSeconds + " s is shorter than " + minDurationSeconds
                    + " s required by exclusions preset '" + id + "'");
        }
        return Optional.empty();
    }

    static ExclusionsPreset read(StrictObjectReader r, String id, String description) {
        List<String> extensions = r.optionalTextList("extensions");
        List<String> names = r.optionalTextList("names");
        Double minDuration = r.optionalNumber("min_duration_seconds", 0, 86_400);
        boolean skipHidden = r.optionalBoolean("skip_hidden", false);
        if (extensions != null) {
            for (int i = 0; i < extensions.size(); i++) {
                if (!EXTENSION.matcher(extensions.get(i)).matches()) {
                    r.add(new InvalidPresetValueException(r.at("extensions").index(i),
                            "must be a lower-case extension without the dot, like 'xml', got '" + extensions.get(i) + "'"));
                }
            }
        }
        if (names != null) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).contains("/") || names.get(i).contains("\\")) {
                    r.add(new InvalidPresetValueException(r.at("names").index(i),
                            "matches file names only and must not contain path separators, got '" + names.get(i) + "'"));
                }
            }
        }
        r.finish();
        return r.hasProblems() ? null : new ExclusionsPreset(id, description, extensions, names, minDuration, skipHidden);
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
