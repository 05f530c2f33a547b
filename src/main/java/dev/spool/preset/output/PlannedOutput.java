package dev.spool.preset.output;

import dev.spool.preset.ResolvedOutput;

import java.nio.file.Path;

/**
 * Where one output goes.
 *
 * @param output           the output (its {@code spec()} goes to the media layer)
 * @param path             the final path; the engine writes a temporary file in the same folder and renames it here
 * @param replacesExisting true when the file exists and the policy is overwrite (worth a line in the report)
 */
public record PlannedOutput(ResolvedOutput output, Path path, boolean replacesExisting) {
}
