package dev.spool.preset;

import java.util.ArrayList;
import java.util.List;

/** The presets read from one file; only presets without problems are included. */
final class PresetFile {
    final List<Located<CategoryPreset>> categoryPresets = new ArrayList<>();
    final List<Located<GlobalPreset>> globalPresets = new ArrayList<>();
    final List<Located<PresetBundle>> bundles = new ArrayList<>();
}
