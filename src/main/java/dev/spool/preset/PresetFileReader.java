package dev.spool.preset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one preset file (JSON or YAML; the same structure in both) into presets, collecting every problem.
 *
 * <p>A file is an object whose keys are sections: a category name ({@code codec}, {@code scaling} ...),
 * {@code global} or {@code bundle}; each section is a list of presets:
 * <pre>
 * codec:
 *   - id: my_prores
 *     family: prores
 *     profile: hq
 *     container: mov
 *     audio: {codec: pcm_s24le}
 * global:
 *   - id: my_master
 *     presets: {codec: my_prores, scaling: source, ...}
 * </pre>
 * Duplicate keys are rejected rather than letting the last one win silently.
 */
final class PresetFileReader {
    /** Preset ids: lower case, digits, '_', '-', '.', starting with a letter or digit. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    static final String GLOBAL_SECTION = "global";
    static final String BUNDLE_SECTION = "bundle";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final ObjectMapper YAML = new YAMLMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private PresetFileReader() {
    }

    /** True for names this reader understands: .json, .yaml, .yml (any case). */
    static boolean isPresetFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /**
     * Parses {@code content} and adds every problem to {@code problems}.
     *
     * @param label   the file as the user knows it, used in messages
     * @param baseDir folder of the file, for relative references (watermark images); null for built-ins
     */
    static PresetFile read(String content, String label, Path baseDir, List<PresetValidationException> problems) {
        PresetFile file = new PresetFile();
        PresetLocation at = new PresetLocation(label, "");
        ObjectMapper mapper = label.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (MismatchedInputException e) {
            problems.add(duplicateKey(at, e));
            return file;
        } catch (JsonProcessingException e) {
            problems.add(new UnreadablePresetFileException(at, "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage() + lineOf(e)));
            return file;
        }
        if (root == null || root.isMissingNode() || root.isNull() || (root.isObject() && root.isEmpty())) {
            problems.add(new UnreadablePresetFileException(at, "the file defines no presets"));
            return file;
        }
        if (!root.isObject()) {
            problems.add(new UnreadablePresetFileException(at, "must be an object with sections such as 'codec:' or 'global:', got "
                    + StrictObjectReader.describe(root)));
            return file;
        }
        Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            readSection(section.getKey(), section.getValue(), at.child(section.getKey()), baseDir, problems, file);
        }
        return file;
    }

    private static void readSection(String name, JsonNode list, PresetLocation at, Path baseDir,
                                    List<PresetValidationException> problems, PresetFile file) {
        PresetCategory category = PresetCategory.fromWireName(name).orElse(null);
        if (category == null && !name.equals(GLOBAL_SECTION) && !name.equals(BUNDLE_SECTION)) {
            problems.add(new UnknownCategoryException(at, name));
            return;
        }
        if (!list.isArray()) {
            problems.add(new InvalidPresetValueException(at, "must be a list of presets (each item starts with '- ' in YAML), got "
                    + StrictObjectReader.describe(list)));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            StrictObjectReader r = new StrictObjectReader(list.get(i), at.index(i), problems, baseDir);
            if (r.hasProblems()) continue;
            String id = r.requiredText("id");
            if (id != null && !ID.matcher(id).matches()) {
                r.problem("id", "must be 1-64 characters of a-z, 0-9, '_', '-', '.', starting with a letter or digit; got '" + id + "'");
            }
            String description = r.optionalText("description");
            description = description == null ? "" : description;
            Object preset;
            if (category != null) {
                CategoryPreset p = readCategoryPreset(category, r, id, description);
                if (p != null) file.categoryPresets.add(new Located<>(p, r.at()));
                preset = p;
            } else if (name.equals(GLOBAL_SECTION)) {
                GlobalPreset p = readGlobal(r, id, description);
                if (p != null) file.globalPresets.add(new Located<>(p, r.at()));
                preset = p;
            } else {
                PresetBundle p = readBundle(r, id, description);
                if (p != null) file.bundles.add(new Located<>(p, r.at()));
                preset = p;
            }
            if (preset == null && id != null) file.invalidPresets.add(name.toLowerCase(Locale.ROOT) + ":" + id);
        }
    }

    private static CategoryPreset readCategoryPreset(PresetCategory category, StrictObjectReader r, String id, String description) {
        return switch (category) {
            case CODEC -> CodecPreset.read(r, id, description);
            case SCALING -> ScalingPreset.read(r, id, description);
            case WATERMARK -> WatermarkPreset.read(r, id, description);
            case NAMING -> NamingPreset.read(r, id, description);
            case FOLDER_OUTPUT -> FolderOutputPreset.read(r, id, description);
            case EXCLUSIONS -> ExclusionsPreset.read(r, id, description);
            case DUPLICATES -> DuplicatesPreset.read(r, id, description);
            case QUEUE -> QueuePreset.read(r, id, description);
            case REPORTING -> ReportingPreset.read(r, id, description);
        };
    }

    /** Structure only: which categories are referenced. Whether the referenced presets exist is the registry's check. */
    private static GlobalPreset readGlobal(StrictObjectReader r, String id, String description) {
        Map<PresetCategory, String> references = new EnumMap<>(PresetCategory.class);
        JsonNode presets = r.raw("presets");
        if (presets == null) {
            r.add(new MissingFieldException(r.at("presets"), "presets (one preset id for each of: " + PresetCategory.wireNames() + ")"));
        } else if (!presets.isObject()) {
            r.problem("presets", "must map each category to a preset id, got " + StrictObjectReader.describe(presets));
        } else {
            Iterator<Map.Entry<String, JsonNode>> entries = presets.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                PresetLocation at = r.at("presets").child(entry.getKey());
                PresetCategory category = PresetCategory.fromWireName(entry.getKey()).orElse(null);
                if (category == null) {
                    r.add(new UnknownCategoryException(at, entry.getKey()));
                } else if (references.containsKey(category)) {
                    r.add(new DuplicateCategoryException(at, category));
                } else if (!entry.getValue().isTextual() || entry.getValue().textValue().isBlank()) {
                    r.add(new InvalidPresetValueException(at, "must be the id of a " + category.wireName() + " preset, got "
                            + StrictObjectReader.describe(entry.getValue())));
                    references.put(category, "");
                } else {
                    references.put(category, entry.getValue().textValue());
                }
            }
            for (PresetCategory category : PresetCategory.values()) {
                if (!references.containsKey(category)) r.add(new MissingCategoryException(r.at("presets"), category));
            }
        }
        r.finish();
        return r.hasProblems() ? null : new GlobalPreset(id, description, references);
    }

    private static PresetBundle readBundle(StrictObjectReader r, String id, String description) {
        List<String> outputs = r.optionalTextList("outputs");
        if (!r.has("outputs")) {
            r.add(new MissingFieldException(r.at("outputs"), "outputs (the global preset ids to produce)"));
        } else if (outputs != null && outputs.isEmpty()) {
            r.problem("outputs", "a bundle needs at least one global preset");
        } else if (outputs != null) {
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.subList(0, i).contains(outputs.get(i))) {
                    r.add(new InvalidPresetValueException(r.at("outputs").index(i), "'" + outputs.get(i) + "' is listed twice"));
                }
            }
        }
        r.finish();
        return r.hasProblems() ? null : new PresetBundle(id, description, outputs);
    }

    /** Jackson reports a repeated key without a path; rebuild it from the parser's position. */
    private static PresetValidationException duplicateKey(PresetLocation file, MismatchedInputException e) {
        List<Object> segments = new java.util.ArrayList<>();
        if (e.getProcessor() instanceof JsonParser parser) {
            for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) segments.add(0, c.getCurrentName());
                else if (c.inArray()) segments.add(0, Math.max(c.getCurrentIndex(), 0));
            }
        }
        PresetLocation at = file;
        for (Object segment : segments) {
            at = segment instanceof Integer index ? at.index(index) : at.child((String) segment);
        }
        Object key = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        boolean globalReference = segments.size() == 4 && GLOBAL_SECTION.equals(segments.get(0)) && "presets".equals(segments.get(2));
        if (globalReference) {
            PresetCategory category = PresetCategory.fromWireName((String) key).orElse(null);
            if (category != null) return new DuplicateCategoryException(at, category);
        }
        return new UnreadablePresetFileException(at, "field '" + key + "' appears more than once" + lineOf(e));
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    /** Reads a file's text; an unreadable file becomes a problem and null. */
    static String readText(Path path, String label, List<PresetValidationException> problems) {
        try {
            return java.nio.file.Files.readString(path);
        } catch (IOException | RuntimeException e) {
            problems.add(new UnreadablePresetFileException(new PresetLocation(label, ""), "cannot read: " + e.getMessage()));
            return null;
        }
    }
}
