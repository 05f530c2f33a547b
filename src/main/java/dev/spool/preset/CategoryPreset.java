package dev.spool.preset;

/**
 * A preset for exactly one concern. Ids are unique within a category; the same id may exist in two
 * categories (the built-in codec {@code prores_proxy} and global preset {@code prores_proxy} are different things).
 */
public sealed interface CategoryPreset
        permits CodecPreset, ScalingPreset, WatermarkPreset, NamingPreset, FolderOutputPreset,
        ExclusionsPreset, DuplicatesPreset, QueuePreset, ReportingPreset {

    /** Unique within its category. */
    String id();

    /** One line for people choosing a preset; may be empty. */
    String description();

    /** The concern this preset addresses. */
    PresetCategory category();
}
