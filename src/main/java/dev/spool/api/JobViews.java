package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Job;
import dev.spool.domain.JobControl;
import dev.spool.domain.Task;
import dev.spool.domain.TaskCounts;
import dev.spool.domain.TaskStatus;
import dev.spool.store.JobStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the API shows of jobs and tasks: live progress read from {@link Task#progress()}, outputs read
 * from {@link Task#result()}, queue positions of queued tasks, and links to outputs and reports.
 */
final class JobViews {
    /** Exact queue positions are computed for at most this many queued tasks per job (one query each). */
    static final int MAX_QUEUE_POSITIONS = 50;
    static final List<String> REPORT_FORMATS = List.of("csv", "json", "txt");

    private final JobStore store;

    JobViews(JobStore store) {
        this.store = store;
    }

    /** A job without its tasks, for listings. */
    record JobSummary(String id, String name, String status, int priority, String recoveryPolicy, int maxAttempts,
                      String preset, String outputDir, String failureReason, List<String> warnings, TaskCounts counts,
                      Double percent, Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt) {
    }

    /** A job with its tasks and reports. */
    record JobDetail(String id, String name, String status, int priority, String recoveryPolicy, int maxAttempts,
                     String preset, String outputDir, String failureReason, List<String> warnings, TaskCounts counts,
                     Double percent, Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt,
                     List<TaskView> tasks, List<ReportView> reports, List<String> controls) {
    }

    record TaskView(String id, int seq, String kind, String status, String source, int attempt, int maxAttempts,
                    String workerId, Double percent, Double fps, Double speed, Double etaSeconds, Integer queuePosition,
                    String failureReason, List<String> warnings, String stderrTail, List<OutputView> outputs,
                    List<String> dependsOn, Instant startedAt, Instant finishedAt) {
    }

    record OutputView(int index, String name, String path, Long sizeBytes, String container, String encoder,
                      Double durationSeconds, String url) {
    }

    record ReportView(String format, String name, long sizeBytes, String url) {
    }

    JobSummary summary(Job j) {
        return new JobSummary(j.id(), j.name(), j.status().name(), j.priority(), j.recoveryPolicy().wireName(),
                j.maxAttempts(), j.presetId(), j.outputDir(), j.failureReason(), j.warnings(), j.counts(),
                jobPercent(j.counts(), null), j.createdAt(), j.startedAt(), j.finishedAt(), j.updatedAt());
    }

    JobDetail detail(Job j) {
        List<Task> tasks = store.tasksOf(j.id());
        List<TaskView> views = new ArrayList<>(tasks.size());
        int positions = 0;
        for (Task t : tasks) {
            Integer position = null;
            if (t.status() == TaskStatus.QUEUED && positions++ < MAX_QUEUE_POSITIONS) {
                position = store.queuePosition(t.id()).orElse(null);
            }
            views.add(task(j.id(), t, position));
        }
        return new JobDetail(j.id(), j.name(), j.status().name(), j.priority(), j.recoveryPolicy().wireName(),
                j.maxAttempts(), j.presetId(), j.outputDir(), j.failureReason(), j.warnings(), j.counts(),
                jobPercent(j.counts(), views), j.createdAt(), j.startedAt(), j.finishedAt(), j.updatedAt(), views,
                reports(j), controls(j));
    }

    /**
     * The operator controls the job's state allows now (002: a UI shows only these), as route names:
     * {@code pause}, {@code resume}, {@code retry-failed} (only with failed clips), {@code cancel}, {@code rebind}.
     */
    static List<String> controls(Job j) {
        List<String> out = new ArrayList<>();
        if (JobControl.PAUSE.allowedFrom(j.status())) out.add("pause");
        if (JobControl.RESUME.allowedFrom(j.status())) out.add("resume");
        if (JobControl.RETRY_FAILED.allowedFrom(j.status()) && j.counts().failed() > 0) out.add("retry-failed");
        if (JobControl.CANCEL.allowedFrom(j.status())) out.add("cancel");
        if (JobControl.REBIND.allowedFrom(j.status())) out.add("rebind");
        return out;
    }

    TaskView task(String jobId, Task t, Integer queuePosition) {
        JsonNode p = t.status() == TaskStatus.RUNNING ? Json.tree(t.progress()) : null;
        Double percent = t.status() == TaskStatus.COMPLETED ? Double.valueOf(100.0) : number(p, "percent");
        return new TaskView(t.id(), t.seq(), t.kind(), t.status().name(), t.source(), t.attempt(), t.maxAttempts(),
                t.workerId(), percent, number(p, "fps"), number(p, "speed"), etaSeconds(p), queuePosition,
                t.failureReason(), t.warnings(), t.stderrTail(), outputs(jobId, t), t.dependsOn(), t.startedAt(),
                t.finishedAt());
    }

    /** Outputs recorded in a completed task's result: {"outputs":[{"name","path","sizeBytes",...}]}. */
    List<OutputView> outputs(String jobId, Task t) {
        JsonNode result = Json.tree(t.result());
        if (result == null || !result.path("outputs").isArray()) return List.of();
        List<OutputView> out = new ArrayList<>();
        int i = 0;
        for (JsonNode o : result.path("outputs")) {
            out.add(new OutputView(i, text(o, "name"), text(o, "path"),
                    o.hasNonNull("sizeBytes") ? o.get("sizeBytes").asLong() : null, text(o, "container"),
                    text(o, "encoder"), number(o, "durationSeconds"),
                    "/api/v1/jobs/" + jobId + "/outputs/" + t.id() + "/" + i));
            i++;
        }
        return out;
    }

    /** The file of output {@code index} of task {@code taskId} of job {@code jobId}: only recorded outputs. */
    Optional<Path> outputFile(String jobId, String taskId, int index) {
        Optional<Task> task = store.findTask(taskId).filter(t -> t.jobId().equals(jobId));
        if (task.isEmpty()) return Optional.empty();
        List<OutputView> outputs = outputs(jobId, task.get());
        if (index < 0 || index >= outputs.size() || outputs.get(index).path() == null) return Optional.empty();
        Path p = Path.of(outputs.get(index).path());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    List<ReportView> reports(Job j) {
        List<ReportView> out = new ArrayList<>();
        for (String format : REPORT_FORMATS) {
            reportFile(j, format).ifPresent(p -> out.add(new ReportView(format, p.getFileName().toString(), size(p),
                    "/api/v1/jobs/" + j.id() + "/reports/" + format)));
        }
        return out;
    }

    /** The job's report in {@code format}; the name is fixed ({@code spool-report-<id>.<format>}), never user input. */
    Optional<Path> reportFile(Job j, String format) {
        if (j.reportDir() == null || !REPORT_FORMATS.contains(format)) return Optional.empty();
        Path p = Path.of(j.reportDir()).resolve("spool-report-" + j.id() + "." + format);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Average task completion; running tasks count by their percent. */
    private static Double jobPercent(TaskCounts c, List<TaskView> tasks) {
        int total = c.total();
        if (total == 0) return null;
        double done = c.completed() + c.skipped() + c.failed();
        if (tasks != null) {
            for (TaskView t : tasks) {
                if ("RUNNING".equals(t.status()) && t.percent() != null) done += Math.min(100, t.percent()) / 100.0;
            }
        }
        return Math.round(done * 1000.0 / total) / 10.0;
    }

    private static Double etaSeconds(JsonNode p) {
        Double eta = number(p, "etaSeconds");
        return eta != null ? eta : number(p, "eta");
    }

    private static Double number(JsonNode n, String field) {
        if (n == null || !n.hasNonNull(field) || !n.get(field).isNumber()) return null;
        return n.get(field).asDouble();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
