package dev.spool.preset;

/** A preset together with where it was defined, kept by the registry for error messages and {@code presets show}. */
record Located<T>(T preset, PresetLocation at) {
}
