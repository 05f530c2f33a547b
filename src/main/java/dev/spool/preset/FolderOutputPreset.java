package dev.spool.preset;

/**
 * FOLDER_OUTPUT: which folder an output goes to, relative to the job's output root.
 * File fields: {@code id, description, mode, subfolder, folder}.
 * <ul>
 *   <li>{@code flat}: {@code <output root>/<subfolder>/}</li>
 *   <li>{@code mirror}: {@code <output root>/<subfolder>/<source's folder relative to the source root>/};
 *       a source outside the source root is refused.</li>
 *   <li>{@code fixed}: {@code folder}, absolute or relative to the output root.</li>
 * </ul>
 * {@code subfolder} is optional (flat and mirror only) and relative; no path may contain {@code ..}.
 */
public record FolderOutputPreset(String id, String description, Mode mode, String subfolder, String folder)
        implements CategoryPreset {

    /** Where outputs are placed. */
    public enum Mode { FLAT, MIRROR, FIXED }

    @Override
    public PresetCategory category() {
        return PresetCategory.FOLDER_OUTPUT;
    }

    static FolderOutputPreset read(StrictObjectReader r, String id, String description) {
        Mode mode = r.requiredChoice("mode", Mode.class);
        String subfolder = r.optionalFolder("subfolder", false);
        String folder = r.optionalFolder("folder", true);
        if (mode == Mode.FIXED) {
            if (!r.has("folder")) r.add(new MissingFieldException(r.at("folder"), "folder (mode fixed writes every output there)"));
            if (r.has("subfolder")) r.problem("subfolder", "mode fixed takes folder only; put the whole path in folder");
        } else if (mode != null && r.has("folder")) {
            r.problem("folder", "only mode fixed takes a folder; use subfolder with mode " + mode.name().toLowerCase());
        }
        r.finish();
        return r.hasProblems() ? null : new FolderOutputPreset(id, description, mode, subfolder, folder);
    }
}
