package dev.spool.preset;

import java.util.List;

/**
 * Several global presets produced from one decode of each source, e.g. {@code editorial} = ProRes Proxy +
 * H.264 proxy + poster frame. Global presets keep 002's rule of exactly one preset per category; a bundle
 * only lists global presets and adds no settings. Because a bundle's outputs are made in one task of one job,
 * its global presets must share the job-wide categories (exclusions, queue, reporting); codec, scaling,
 * watermark, naming, folder output and duplicates may differ per output.
 * File fields: {@code id, description, outputs} (global preset ids). Bundle and global preset ids share one
 * namespace, so {@link PresetRegistry#resolve(String)} accepts either.
 */
public record PresetBundle(String id, String description, List<String> outputs) {
    public PresetBundle {
        outputs = List.copyOf(outputs);
    }
}
