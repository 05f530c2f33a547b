package dev.spool.api;

import dev.spool.domain.Job;
import dev.spool.domain.JobControl;
import dev.spool.domain.JobStatus;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.engine.JobRequest;
import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.store.JobStats;
import dev.spool.store.JobStore;
import dev.spool.store.Page;
import dev.spool.store.WebhookStore;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@code /api/v1/jobs...}: submit, list, show, control, outputs, reports and webhook history. */
final class JobRoutes {
    static final String V1 = "/api/v1";

    private final JobStore store;
    private final JobStats stats;
    private final JobSubmitter submitter;
    private final Supplier<PresetRegistry> presets;
    private final WebhookDispatcher webhooks;
    private final WebhookStore webhookStore;
    private final ApiSettings settings;
    private final Runnable onSubmit;
    private final Clock clock;
    private final JobViews views;

    JobRoutes(JobStore store, JobStats stats, JobSubmitter submitter, Supplier<PresetRegistry> presets,
              WebhookDispatcher webhooks, WebhookStore webhookStore, ApiSettings settings, Runnable onSubmit, Clock clock) {
        this.store = store;
        this.stats = stats;
        this.submitter = submitter;
        this.presets = presets;
        this.webhooks = webhooks;
        this.webhookStore = webhookStore;
        this.settings = settings;
        this.onSubmit = onSubmit;
        this.clock = clock;
        this.views = new JobViews(store);
    }

    JobViews views() {
        return views;
    }

    void register(Javalin app) {
        app.post(V1 + "/jobs", this::submit);
        app.get(V1 + "/jobs", this::list);
        // fixed paths before {id}: the first matching route wins
        app.get(V1 + "/jobs/active", this::active);
        app.get(V1 + "/jobs/recent", this::recent);
        app.get(V1 + "/jobs/{id}", ctx -> ctx.json(views.detail(store.getJob(ctx.pathParam("id")))));
        app.post(V1 + "/jobs/{id}/pause", ctx -> control(ctx, JobControl.PAUSE));
        app.post(V1 + "/jobs/{id}/resume", ctx -> control(ctx, JobControl.RESUME));
        app.post(V1 + "/jobs/{id}/retry-failed", ctx -> control(ctx, JobControl.RETRY_FAILED));
        app.post(V1 + "/jobs/{id}/cancel", ctx -> control(ctx, JobControl.CANCEL));
        app.post(V1 + "/jobs/{id}/rebind", ctx -> control(ctx, JobControl.REBIND));
        app.get(V1 + "/jobs/{id}/outputs/{taskId}/{index}", this::output);
        app.get(V1 + "/jobs/{id}/reports", ctx -> ctx.json(Map.of("items", views.reports(store.getJob(ctx.pathParam("id"))))));
        app.get(V1 + "/jobs/{id}/reports/{format}", this::report);
        app.get(V1 + "/jobs/{id}/webhooks", this::webhookHistory);
    }

    /** The body of {@code POST /api/v1/jobs}; unknown fields are refused by name. */
    record SubmitJob(String name, List<String> sources, String preset, String outputDir, Integer priority,
                     String recovery, Integer maxAttempts, Boolean start, String webhookUrl,
                     List<Map<String, Object>> outputs, List<Map<String, Object>> tasks) {
    }

    /** The optional body of control requests. */
    record ControlBody(Boolean stop, String preset) {
    }

    void submit(Context ctx) throws IOException {
        Instant received = clock.instant();
        SubmitJob body = Json.body(ctx, SubmitJob.class, settings.maxBodyBytes());
        Job job = submit(body, ctx.header("Idempotency-Key"));
        boolean replayed = job.createdAt().isBefore(received.minusMillis(1));
        if (replayed) ctx.header("Idempotent-Replayed", "true");
        ctx.header("Location", V1 + "/jobs/" + job.id());
        ctx.status(replayed ? 200 : 201).json(views.detail(job));
    }

    /** Validates and submits; shared by the v1 route and the seed-compatible {@code POST /jobs}. */
    Job submit(SubmitJob body, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiError.badRequest("invalid_idempotency_key", "Idempotency-Key must be 1 to 200 characters");
        }
        RecoveryPolicy recovery = null;
        if (body.recovery() != null) {
            try {
                recovery = RecoveryPolicy.parse(body.recovery());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidField("recovery", e.getMessage());
            }
        }
        if (body.webhookUrl() != null) {
            String problem = WebhookUrls.problem(body.webhookUrl());
            if (problem != null) throw ApiError.invalidField("webhookUrl", problem);
            if (settings.webhookSecret() == null) {
                throw ApiError.invalidField("webhookUrl", "webhooks are disabled on this server: it has no "
                        + "SPOOL_WEBHOOK_SECRET to sign them with");
            }
        }
        JobRequest request = new JobRequest(body.name(), body.sources(), body.preset(), body.outputDir(), body.priority(),
                recovery, body.maxAttempts(), body.start() == null || body.start(), body.outputs(), body.tasks());
        Job job = submitter.submit(request, idempotencyKey);
        if (body.webhookUrl() != null) webhooks.subscribe(job.id(), body.webhookUrl());
        onSubmit.run();
        return job;
    }

    private void list(Context ctx) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                try {
                    statuses.add(JobStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalidField("status", "unknown status '" + s.trim() + "'; known: "
                            + java.util.Arrays.toString(JobStatus.values()));
                }
            }
        }
        int limit = intParam(ctx, "limit", 50, 1, 500);
        Page<Job> page;
        try {
            page = store.listJobs(statuses, ctx.queryParam("cursor"), limit);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidField("cursor", "cursor is not one this server issued");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(views::summary).toList());
        out.put("nextCursor", page.nextCursor());
        ctx.json(out);
    }

    private void active(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 500);
        ctx.json(Map.of("items", details(stats.activeJobIds(limit))));
    }

    private void recent(Context ctx) {
        int hours = intParam(ctx, "hours", 24, 1, 24 * 30);
        int limit = intParam(ctx, "limit", 100, 1, 500);
        ctx.json(Map.of("items", details(stats.recentJobIds(clock.instant().minus(Duration.ofHours(hours)), limit))));
    }

    private List<JobViews.JobDetail> details(List<String> ids) {
        List<JobViews.JobDetail> out = new ArrayList<>(ids.size());
        for (String id : ids) store.findJob(id).ifPresent(j -> out.add(views.detail(j)));
        return out;
    }

    private void control(Context ctx, JobControl control) throws IOException {
        String id = ctx.pathParam("id");
        byte[] raw = Json.boundedBody(ctx, settings.maxBodyBytes());
        ControlBody body = raw.length == 0 ? new ControlBody(null, null) : Json.MAPPER.readValue(raw, ControlBody.class);
        Job job = store.getJob(id);
        control.check(id, job.status());
        switch (control) {
            case PAUSE -> store.pause(id);
            case RESUME -> store.resume(id);
            case RETRY_FAILED -> store.retryFailed(id);
            case CANCEL -> store.cancel(id, Boolean.TRUE.equals(body.stop()) || "true".equals(ctx.queryParam("stop")));
            case REBIND -> {
                if (body.preset() == null || body.preset().isBlank()) {
                    throw ApiError.invalidField("preset", "give the preset to bind: {\"preset\":\"<id>\"}");
                }
                try {
                    presets.get().resolve(body.preset());
                } catch (PresetValidationException e) {
                    throw ApiError.invalidField("preset", e.getMessage());
                }
                store.rebind(id, body.preset());
            }
            default -> throw new IllegalStateException("no route for " + control);
        }
        if (control != JobControl.PAUSE && control != JobControl.CANCEL) onSubmit.run();
        ctx.json(views.detail(store.getJob(id)));
    }

    void output(Context ctx) throws IOException {
        String jobId = ctx.pathParam("id");
        store.getJob(jobId);
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw ApiError.invalidField("index", "output index must be a number");
        }
        Optional<Path> file = views.outputFile(jobId, ctx.pathParam("taskId"), index);
        if (file.isEmpty()) throw ApiError.notFound("job " + jobId + " has no output " + index + " of task "
                + ctx.pathParam("taskId") + " (or its file is gone)");
        sendFile(ctx, file.get(), "application/octet-stream");
    }

    private void report(Context ctx) throws IOException {
        Job job = store.getJob(ctx.pathParam("id"));
        String format = ctx.pathParam("format").toLowerCase(Locale.ROOT);
        if (!JobViews.REPORT_FORMATS.contains(format)) {
            throw ApiError.invalidField("format", "report format must be one of " + JobViews.REPORT_FORMATS);
        }
        Optional<Path> file = views.reportFile(job, format);
        if (file.isEmpty()) throw ApiError.notFound("job " + job.id() + " has no " + format + " report"
                + (job.status().isTerminal() ? "" : " yet: reports are written when the job ends"));
        String type = switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            default -> "text/plain; charset=utf-8";
        };
        sendFile(ctx, file.get(), type);
    }

    private void webhookHistory(Context ctx) {
        String jobId = store.getJob(ctx.pathParam("id")).id();
        List<Map<String, Object>> items = new ArrayList<>();
        webhookStore.historyOf(jobId).forEach((d, attempts) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("eventId", d.eventId());
            m.put("eventType", d.eventType());
            m.put("url", d.url());
            m.put("status", d.status().name());
            m.put("attempts", attempts.stream().map(a -> {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("attempt", a.attempt());
                am.put("at", a.attemptedAt());
                am.put("statusCode", a.statusCode());
                am.put("outcome", a.outcome().name());
                am.put("error", a.error());
                am.put("durationMs", a.durationMs());
                return am;
            }).toList());
            m.put("nextAttemptAt", d.status() == WebhookStore.Status.PENDING ? d.nextAttemptAt() : null);
            m.put("lastError", d.lastError());
            items.add(m);
        });
        ctx.json(Map.of("items", items));
    }

    static void sendFile(Context ctx, Path file, String contentType) throws IOException {
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString()
                .replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        ctx.header("Content-Length", String.valueOf(Files.size(file)));
        ctx.contentType(contentType);
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalidField(name, name + " must be a whole number from " + min + " to " + max);
        }
    }
}
