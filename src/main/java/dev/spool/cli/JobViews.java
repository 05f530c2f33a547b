package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.spool.domain.Job;
import dev.spool.domain.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON and text renderings of jobs and tasks for {@code spool jobs} and {@code spool show}. */
final class JobViews {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private JobViews() {
    }

    static Map<String, Object> job(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("name", j.name());
        m.put("status", j.status());
        m.put("priority", j.priority());
        m.put("recoveryPolicy", j.recoveryPolicy().wireName());
        m.put("maxAttempts", j.maxAttempts());
        m.put("preset", j.presetId());
        m.put("outputDir", j.outputDir());
        m.put("counts", j.counts());
        m.put("failureReason", j.failureReason());
        m.put("warnings", j.warnings());
        m.put("reportDir", j.reportDir());
        m.put("createdAt", j.createdAt());
        m.put("startedAt", j.startedAt());
        m.put("finishedAt", j.finishedAt());
        return m;
    }

    static Map<String, Object> task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("seq", t.seq());
        m.put("kind", t.kind());
        m.put("status", t.status());
        m.put("source", t.source());
        m.put("attempt", t.attempt());
        m.put("worker", t.workerId());
        m.put("failureReason", t.failureReason());
        m.put("warnings", t.warnings());
        m.put("result", parse(t.result()));
        m.put("stderrTail", t.stderrTail());
        m.put("dependsOn", t.dependsOn());
        m.put("startedAt", t.startedAt());
        m.put("finishedAt", t.finishedAt());
        return m;
    }

    static JsonNode parse(String json) {
        if (json == null) return null;
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    static String age(Instant from, Instant to) {
        if (from == null) return "-";
        Duration d = Duration.between(from, to == null ? Instant.now() : to);
        long s = d.toSeconds();
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
    }

    static String summary(Job j) {
        var c = j.counts();
        return c.completed() + "/" + c.total() + " done" + (c.failed() > 0 ? ", " + c.failed() + " failed" : "")
                + (c.skipped() > 0 ? ", " + c.skipped() + " skipped" : "")
                + (c.running() > 0 ? ", " + c.running() + " running" : "")
                + (c.withWarnings() > 0 ? ", " + c.withWarnings() + " warned" : "");
    }

    static List<Map<String, Object>> tasks(List<Task> tasks) {
        return tasks.stream().map(JobViews::task).toList();
    }
}
