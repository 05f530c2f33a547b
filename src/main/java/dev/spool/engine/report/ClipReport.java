package dev.spool.engine.report;

import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One clip (task) of a job as it ended. Immutable; built from the stored task by {@link #of(Task)}.
 *
 * @param seq            the task's position in its job, 0-based as stored (text reports show it 1-based, as the CLI does)
 * @param attempts       how many times the task was claimed
 * @param stderrTail     FFmpeg's last stderr lines; kept for FAILED clips only
 * @param elapsedSeconds from the last attempt's start to the task's end; null when it did not both start and end
 * @param source         what the executor found when probing the source; null when not recorded
 * @param encodeSeconds  wall time the executor spent encoding, as it recorded it; null when not recorded
 * @param speed          FFmpeg's reported speed (1.0 = real time); null when not recorded
 * @param resultProblem  why the task's result JSON could not be read (its outputs are then unknown); null normally
 */
public record ClipReport(
        String taskId,
        int seq,
        String kind,
        String sourcePath,
        TaskStatus status,
        ClipClassification classification,
        int attempts,
        String failureReason,
        List<String> warnings,
        String stderrTail,
        Instant startedAt,
        Instant finishedAt,
        Double elapsedSeconds,
        List<OutputReport> outputs,
        SourceMedia source,
        Double encodeSeconds,
        Double speed,
        String resultProblem) {

    public ClipReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** Reads a stored task; never throws on a malformed {@code result}. */
    public static ClipReport of(Task task) {
        TaskResult result = TaskResult.parse(task.result());
        Double elapsed = task.startedAt() == null || task.finishedAt() == null
                ? null
                : Duration.between(task.startedAt(), task.finishedAt()).toMillis() / 1000.0;
        return new ClipReport(
                task.id(),
                task.seq(),
                task.kind(),
                task.source(),
                task.status(),
                ClipClassification.of(task.status(), task.warnings()),
                task.attempt(),
                task.failureReason(),
                task.warnings(),
                task.status() == TaskStatus.FAILED ? task.stderrTail() : null,
                task.startedAt(),
                task.finishedAt(),
                elapsed,
                result.outputs(),
                result.source(),
                result.encodeSeconds(),
                result.speed(),
                result.problem());
    }

    /** The distinct encoders this clip's outputs used, in output order; empty when none were recorded. */
    public List<String> encoders() {
        return outputs.stream().map(OutputReport::encoder).filter(Objects::nonNull).distinct().toList();
    }
}
