package dev.spool.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a caller submits: a job and its tasks, created together in one transaction.
 *
 * @param start when true the job starts at once (PENDING → RUNNING in the same transaction) so workers
 *              may claim its tasks; when false it stays PENDING until an operator starts it
 */
public record NewJob(
        String name,
        int priority,
        RecoveryPolicy recoveryPolicy,
        int maxAttempts,
        String presetId,
        String outputDir,
        String spec,
        boolean start,
        List<NewTask> tasks) {

    public NewJob {
        Objects.requireNonNull(recoveryPolicy, "recoveryPolicy");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) throw new IllegalArgumentException("a job needs at least one task");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        for (int i = 0; i < tasks.size(); i++) {
            for (int dep : tasks.get(i).dependsOn()) {
                if (dep < 0 || dep >= i) {
                    throw new IllegalArgumentException("task " + i + " may only depend on earlier tasks, got " + dep);
                }
            }
        }
    }

    /** A running job of {@code transcode}-style tasks with defaults suitable for tests and quick use. */
    public static NewJob of(String name, List<NewTask> tasks) {
        return new NewJob(name, 0, RecoveryPolicy.MANUAL, 3, null, null, "{}", true, tasks);
    }

    public NewJob withPriority(int p) {
        return new NewJob(name, p, recoveryPolicy, maxAttempts, presetId, outputDir, spec, start, tasks);
    }

    public NewJob withRecovery(RecoveryPolicy policy, int attempts) {
        return new NewJob(name, priority, policy, attempts, presetId, outputDir, spec, start, tasks);
    }

    public NewJob withStart(boolean s) {
        return new NewJob(name, priority, recoveryPolicy, maxAttempts, presetId, outputDir, spec, s, tasks);
    }

    public NewJob withPreset(String id) {
        return new NewJob(name, priority, recoveryPolicy, maxAttempts, id, outputDir, spec, start, tasks);
    }
}
