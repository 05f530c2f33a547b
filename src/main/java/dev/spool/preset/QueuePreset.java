package dev.spool.preset;

import dev.spool.domain.RecoveryPolicy;

/**
 * QUEUE: how the job runs. File fields (all required): {@code id, description, priority, max_concurrent,
 * recovery, max_attempts}.
 *
 * @param priority       passed to the job as is ({@code NewJob.priority}); -1000 to 1000
 * @param maxConcurrent  most tasks of this job running at once, 1 to 64
 * @param recovery       {@code manual} or {@code auto} (see {@link RecoveryPolicy})
 * @param maxAttempts    attempts per task before it fails, 1 to 20
 */
public record QueuePreset(String id, String description, int priority, int maxConcurrent, RecoveryPolicy recovery,
                          int maxAttempts) implements CategoryPreset {

    @Override
    public PresetCategory category() {
        return PresetCategory.QUEUE;
    }

    static QueuePreset read(StrictObjectReader r, String id, String description) {
        Integer priority = r.requiredInt("priority", -1000, 1000);
        Integer maxConcurrent = r.requiredInt("max_concurrent", 1, 64);
        RecoveryPolicy recovery = r.requiredChoice("recovery", RecoveryPolicy.class);
        Integer maxAttempts = r.requiredInt("max_attempts", 1, 20);
        r.finish();
        return r.hasProblems() ? null : new QueuePreset(id, description, priority, maxConcurrent, recovery, maxAttempts);
    }
}
