package dev.spool.preset;

/**
 * DUPLICATES: what happens when an output's file already exists. File fields: {@code id, description, policy}.
 * <ul>
 *   <li>{@code suffix}: write {@code name_001.ext}, {@code name_002.ext} ... up to {@code _999}, then fail.</li>
 *   <li>{@code overwrite}: replace the existing file (atomically, by the engine's rename).</li>
 *   <li>{@code fail}: fail the clip with a collision error, leaving the existing file alone.</li>
 * </ul>
 */
public record DuplicatesPreset(String id, String description, Policy policy) implements CategoryPreset {

    /** The collision policy. */
    public enum Policy { SUFFIX, OVERWRITE, FAIL }

    @Override
    public PresetCategory category() {
        return PresetCategory.DUPLICATES;
    }

    static DuplicatesPreset read(StrictObjectReader r, String id, String description) {
        Policy policy = r.requiredChoice("policy", Policy.class);
        r.finish();
        return r.hasProblems() ? null : new DuplicatesPreset(id, description, policy);
    }
}
