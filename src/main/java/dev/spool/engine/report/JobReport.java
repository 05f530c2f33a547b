package dev.spool.engine.report;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Task;
import dev.spool.domain.TaskCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What happened to one job and each of its clips, derived read-only from the stored job and tasks. Building
 * it never changes either.
 *
 * @param counts          counted from the clips in this report (so the summary and the clip list always
 *                        agree), not copied from the job row
 * @param failureReason   why the engine failed the job as a whole; null unless the job is FAILED
 * @param durationSeconds from the job's start to its end; null when it did not both start and end
 * @param clips           one per task, in {@code seq} order
 */
public record JobReport(
        String jobId,
        String jobName,
        JobStatus status,
        String presetId,
        String outputDir,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double durationSeconds,
        TaskCounts counts,
        String failureReason,
        List<String> warnings,
        List<ClipReport> clips) {

    public JobReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        clips = clips == null ? List.of() : List.copyOf(clips);
    }

    /**
     * Builds the report of {@code job} from its tasks.
     *
     * @throws IllegalArgumentException when a task belongs to another job
     */
    public static JobReport of(Job job, List<Task> tasks) {
        for (Task t : tasks) {
            if (!job.id().equals(t.jobId())) {
                throw new IllegalArgumentException("task " + t.id() + " belongs to job " + t.jobId() + ", not " + job.id());
            }
        }
        List<ClipReport> clips = tasks.stream()
                .sorted(Comparator.comparingInt(Task::seq))
                .map(ClipReport::of)
                .toList();
        Double duration = job.startedAt() == null || job.finishedAt() == null
                ? null
                : Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0;
        return new JobReport(job.id(), job.name(), job.status(), job.presetId(), job.outputDir(),
                job.createdAt(), job.startedAt(), job.finishedAt(), duration, count(clips),
                job.failureReason(), job.warnings(), clips);
    }

    private static TaskCounts count(List<ClipReport> clips) {
        int queued = 0, running = 0, completed = 0, skipped = 0, failed = 0, withWarnings = 0;
        for (ClipReport c : clips) {
            switch (c.status()) {
                case QUEUED -> queued++;
                case RUNNING -> running++;
                case COMPLETED -> completed++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
            // Same rule as the store's count: any clip carrying warnings, whatever its state.
            if (!c.warnings().isEmpty()) {
                withWarnings++;
            }
        }
        return new TaskCounts(queued, running, completed, skipped, failed, withWarnings);
    }
}
