package dev.spool.preset;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A recipe for one output: exactly one category preset id per {@link PresetCategory}, no inline settings.
 * File fields: {@code id, description, presets} where {@code presets} maps every category name to a preset id:
 * <pre>
 * global:
 *   - id: prores_proxy
 *     presets: {codec: prores_proxy, scaling: source, watermark: none, naming: source_name,
 *               folder_output: mirror, exclusions: default, duplicates: suffix, queue: default, reporting: default}
 * </pre>
 *
 * @param references the category preset id for every category
 */
public record GlobalPreset(String id, String description, Map<PresetCategory, String> references) {

    public GlobalPreset {
        references = Collections.unmodifiableMap(new EnumMap<>(references));
    }

    /** The id of the referenced preset of {@code category}. */
    public String reference(PresetCategory category) {
        return references.get(category);
    }
}
