package dev.spool.preset;

import dev.spool.domain.OutputSpec;

/**
 * One output of a resolved preset: the {@link OutputSpec} for the media layer plus the per-output rules the
 * output path planner needs.
 *
 * @param presetId   the global preset that defines this output; also {@code spec.name()}
 * @param spec       what to encode
 * @param codec      the codec preset (its id is the {@code {codec}} naming variable)
 * @param naming     file name pattern
 * @param folder     folder placement
 * @param duplicates what to do when the file exists
 */
public record ResolvedOutput(String presetId, OutputSpec spec, CodecPreset codec, NamingPreset naming,
                             FolderOutputPreset folder, DuplicatesPreset duplicates) {
}
