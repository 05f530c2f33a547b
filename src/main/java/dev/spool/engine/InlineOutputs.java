package dev.spool.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.preset.InvalidPresetsException;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outputs given inline with a job instead of a preset id. Each output is a codec preset's fields plus a
 * {@code name} (it names the output file: {@code <source>_<name>.<container>}) and an optional
 * {@code scaling} ({@code {mode, width, height}}); the rest of the rules are the built-in defaults (no
 * watermark, flat folder, numeric suffix on collision, default exclusions, queue and reporting). They are
 * turned into a preset document and checked by the same strict reader as preset files, so errors name the
 * field, e.g. {@code outputs[1].crf}.
 */
public final class InlineOutputs {
    /** The preset id a job with inline outputs is bound to. */
    public static final String PRESET_ID = "inline";
    static final String LABEL = "outputs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOCATION = Pattern.compile("^(codec|scaling|global)\\[(\\d+)](?:\\.(.*))?$");

    private InlineOutputs() {
    }

    /** The preset document for {@code outputs} (one global preset per output, bundled under {@link #PRESET_ID}). */
    public static String document(List<Map<String, Object>> outputs) {
        List<Object> codecs = new ArrayList<>();
        List<Object> scalings = new ArrayList<>();
        List<Object> globals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>(outputs.get(i));
            Object name = o.remove("name");
            if (!(name instanceof String n) || n.isBlank()) {
                throw new InvalidJobRequestException("outputs[" + i + "].name",
                        "each output needs a name (letters, digits, _ - .): it becomes part of the file name");
            }
            if (names.contains(n)) throw new InvalidJobRequestException("outputs[" + i + "].name", "output name '" + n + "' repeats");
            names.add(n);
            Object scaling = o.remove("scaling");
            String codecId = "inline-codec-" + i;
            String scalingId = "source";
            if (scaling != null) {
                if (!(scaling instanceof Map<?, ?> sc)) {
                    throw new InvalidJobRequestException("outputs[" + i + "].scaling", "scaling must be an object {mode, width, height}");
                }
                Map<String, Object> sp = new LinkedHashMap<>();
                sp.put("id", "inline-scaling-" + i);
                sc.forEach((k, v) -> sp.put(String.valueOf(k), v));
                scalings.add(sp);
                scalingId = "inline-scaling-" + i;
            }
            Map<String, Object> codec = new LinkedHashMap<>();
            codec.put("id", codecId);
            codec.putAll(o);
            codecs.add(codec);
            Map<String, Object> refs = new LinkedHashMap<>();
            refs.put("codec", codecId);
            refs.put("scaling", scalingId);
            refs.put("watermark", "none");
            refs.put("naming", "source_and_preset");
            refs.put("folder_output", "flat");
            refs.put("exclusions", "default");
            refs.put("duplicates", "suffix");
            refs.put("queue", "default");
            refs.put("reporting", "default");
            globals.add(Map.of("id", n, "presets", refs));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("codec", codecs);
        if (!scalings.isEmpty()) doc.put("scaling", scalings);
        doc.put("global", globals);
        doc.put("bundle", List.of(Map.of("id", PRESET_ID, "outputs", names)));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code document} against {@code base}; returns the registry that resolves {@link #PRESET_ID}.
     *
     * @throws InvalidJobRequestException naming the first problem's output field
     */
    public static PresetRegistry check(PresetRegistry base, String document) {
        try {
            return base.withDocument(document, LABEL);
        } catch (InvalidPresetsException e) {
            PresetValidationException first = e.problems().get(0);
            throw new InvalidJobRequestException(field(first.location().field()), message(first));
        }
    }

    private static String message(PresetValidationException p) {
        String m = p.getMessage();
        int cut = m.indexOf(": ", m.indexOf(": ") + 2);
        return cut > 0 ? m.substring(cut + 2) : m;
    }

    /**
     * The registry that resolves a job's preset: {@code base}, plus the job's inline outputs when its spec
     * (JSON) carries them.
     */
    public static PresetRegistry registryFor(PresetRegistry base, String jobSpec) {
        String doc = null;
        try {
            com.fasterxml.jackson.databind.JsonNode node = jobSpec == null ? null : JSON.readTree(jobSpec).get("inlinePresets");
            if (node != null && node.isTextual()) doc = node.asText();
        } catch (JsonProcessingException e) {
            return base;
        }
        return doc == null ? base : base.withDocument(doc, LABEL);
    }

    /** Maps a location inside the generated document back to the caller's {@code outputs[i].field}. */
    static String field(String location) {
        Matcher m = LOCATION.matcher(location == null ? "" : location);
        if (!m.matches()) return LABEL;
        String rest = m.group(3);
        String prefix = "outputs[" + m.group(2) + "]";
        return switch (m.group(1)) {
            case "scaling" -> prefix + ".scaling" + (rest == null ? "" : "." + rest);
            case "global" -> prefix + ".name";
            default -> rest == null ? prefix : prefix + "." + rest;
        };
    }
}
