package dev.spool.api;

import dev.spool.domain.Job;
import dev.spool.domain.Task;
import dev.spool.store.JobStore;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aliases for seed 000's desktop app, over the v1 API: {@code POST /jobs}, {@code GET /jobs/{id}} (status and
 * artifacts), {@code GET /jobs/{id}/artifacts/{taskId}/{index}} (only files that are outputs of that job) and
 * the WebSocket {@code /events} (in {@link EventStreams}). {@code GET /health} is shared with v1.
 */
final class CompatRoutes {
    private final JobRoutes jobs;
    private final JobStore store;
    private final ApiSettings settings;

    CompatRoutes(JobRoutes jobs, JobStore store, ApiSettings settings) {
        this.jobs = jobs;
        this.store = store;
        this.settings = settings;
    }

    void register(Javalin app) {
        app.post("/jobs", this::submit);
        app.get("/jobs/{id}", ctx -> ctx.json(status(store.getJob(ctx.pathParam("id")))));
        app.get("/jobs/{id}/artifacts/{taskId}/{index}", jobs::output);
    }

    private void submit(Context ctx) throws IOException {
        JobRoutes.SubmitJob body = Json.body(ctx, JobRoutes.SubmitJob.class, settings.maxBodyBytes());
        Job job = jobs.submit(body, ctx.header("Idempotency-Key"));
        ctx.header("Location", "/jobs/" + job.id());
        ctx.status(201).json(status(job));
    }

    private Map<String, Object> status(Job job) {
        List<Map<String, Object>> artifacts = new ArrayList<>();
        for (Task t : store.tasksOf(job.id())) {
            for (JobViews.OutputView o : jobs.views().outputs(job.id(), t)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", o.name());
                a.put("url", "/jobs/" + job.id() + "/artifacts/" + t.id() + "/" + o.index());
                a.put("sizeBytes", o.sizeBytes());
                a.put("container", o.container());
                artifacts.add(a);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("job_id", job.id());
        m.put("status", job.status().name().toLowerCase(Locale.ROOT));
        m.put("artifacts", artifacts);
        m.put("job", jobs.views().summary(job));
        return m;
    }
}
