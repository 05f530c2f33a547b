package dev.spool.preset;

import dev.spool.domain.OutputSpec;

import java.util.List;

/**
 * Everything the engine needs to run a preset on a source: the outputs to produce from one decode (one for a
 * global preset, several for a bundle) and the job-wide rules.
 *
 * @param id          the global preset or bundle id that was resolved
 * @param bundle      true when {@code id} names a {@link PresetBundle}
 * @param outputs     at least one; their {@code spec().name()}s are distinct
 * @param exclusions  which sources to skip, with the reason
 * @param queue       priority, concurrency, recovery policy and attempts for the job
 * @param reporting   which reports to write and where
 */
public record ResolvedPreset(String id, String description, boolean bundle, List<ResolvedOutput> outputs,
                             ExclusionsPreset exclusions, QueuePreset queue, ReportingPreset reporting) {

    public ResolvedPreset {
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) throw new IllegalArgumentException("a resolved preset has at least one output");
    }

    /** The renditions to produce, in order. */
    public List<OutputSpec> outputSpecs() {
        return outputs.stream().map(ResolvedOutput::spec).toList();
    }
}
