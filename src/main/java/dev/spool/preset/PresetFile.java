package dev.spool.preset;

import java.util.ArrayList;
import java.util.List;

/** The presets read from one file; only presets without problems are included. */
final class PresetFile {
    final List<Located<CategoryPreset>> categoryPresets = new ArrayList<>();
    final List<Located<GlobalPreset>> globalPresets = new ArrayList<>();
    final List<Located<PresetBundle>> bundles = new ArrayList<>();
    /** {@code category:id}, {@code global:id} or {@code bundle:id} of presets left out because they have problems. */
    final java.util.Set<String> invalidPresets = new java.util.HashSet<>();
}
