package dev.spool.engine;

import dev.spool.domain.RecoveryPolicy;

import java.util.List;

/**
 * A request to transcode sources with a preset: what {@code spool submit}, {@code spool run} and
 * {@code POST /api/v1/jobs} accept. Null optional fields take the preset's QUEUE defaults.
 *
 * @param sources     files or folders (folders are expanded recursively to media files)
 * @param presetId    a global preset or bundle id
 * @param outputDir   where outputs go (created when missing)
 * @param start       false keeps the job PENDING until an operator starts it
 * @param outputs     inline outputs instead of a preset ({@link InlineOutputs}); empty when a preset is given
 * @param tasks       operations instead of sources ({@code [{"kind":"ingest","url":…}, …]}, see
 *                    {@link dev.spool.operations.OperationJobPlanner}); empty for a transcode job
 */
public record JobRequest(String name, List<String> sources, String presetId, String outputDir, Integer priority,
                         RecoveryPolicy recoveryPolicy, Integer maxAttempts, boolean start,
                         List<java.util.Map<String, Object>> outputs, List<java.util.Map<String, Object>> tasks) {

    public JobRequest {
        sources = sources == null ? List.of() : List.copyOf(sources);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        // entries may hold nulls (refused with their field name by the planner), so no List.copyOf
        tasks = tasks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tasks));
    }

    public JobRequest(String name, List<String> sources, String presetId, String outputDir, Integer priority,
                      RecoveryPolicy recoveryPolicy, Integer maxAttempts, boolean start,
                      List<java.util.Map<String, Object>> outputs) {
        this(name, sources, presetId, outputDir, priority, recoveryPolicy, maxAttempts, start, outputs, List.of());
    }

    /** A job of operations ({@code tasks}) written to {@code outputDir}. */
    public static JobRequest ofTasks(List<java.util.Map<String, Object>> tasks, String outputDir) {
        return new JobRequest(null, List.of(), null, outputDir, null, null, null, true, List.of(), tasks);
    }

    public JobRequest(String name, List<String> sources, String presetId, String outputDir, Integer priority,
                      RecoveryPolicy recoveryPolicy, Integer maxAttempts, boolean start) {
        this(name, sources, presetId, outputDir, priority, recoveryPolicy, maxAttempts, start, List.of());
    }

    public static JobRequest of(List<String> sources, String presetId, String outputDir) {
        return new JobRequest(null, sources, presetId, outputDir, null, null, null, true);
    }

    public JobRequest withRecovery(RecoveryPolicy policy, Integer attempts) {
        return new JobRequest(name, sources, presetId, outputDir, priority, policy, attempts, start, outputs, tasks);
    }
}
