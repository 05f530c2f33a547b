/**
 * Presets: category presets (one concern each), global presets that compose exactly one category
 * preset per category by id, and bundles that run several global presets from one decode of a source.
 *
 * <p>Why the model lives here and not in {@code dev.spool.domain}: the domain only needs a preset's id
 * ({@code NewJob.presetId}) and the rendition contract {@link dev.spool.domain.OutputSpec}, which is
 * already in the domain. Everything else (the category records, the registry, resolution) is only
 * used by the engine and the CLI, which may depend on this package. Keeping it here keeps the domain
 * small and this package's only dependency the domain.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.spool.preset.PresetRegistry#load(java.nio.file.Path)}: built-in library plus a
 *       {@code presets/} folder, validated once; every problem is reported with file and field.</li>
 *   <li>{@link dev.spool.preset.PresetRegistry#resolve(String)}: a {@link dev.spool.preset.ResolvedPreset}
 *       with the {@link dev.spool.domain.OutputSpec}s to produce and the rules the engine applies.</li>
 *   <li>{@link dev.spool.preset.output.OutputPathPlanner}: where each output of one source goes.</li>
 * </ul>
 */
package dev.spool.preset;
