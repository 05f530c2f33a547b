package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Job;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.store.JobStore;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a job in the store until it ends, drawing a live progress bar on a terminal (one redrawn line)
 * or printing one line per finished clip elsewhere (logs, CI).
 */
final class JobFollower {
    private static final int BAR = 24;

    private final JobStore store;
    private final PrintWriter out;
    private final boolean live;
    private final Map<String, TaskStatus> reported = new HashMap<>();

    JobFollower(JobStore store, PrintWriter out, boolean live) {
        this.store = store;
        this.out = out;
        this.live = live;
    }

    static boolean isTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** Blocks until the job is terminal (or RECOVERY_REQUIRED); returns it. */
    Job follow(String jobId) throws InterruptedException {
        while (true) {
            Job job = store.getJob(jobId);
            List<Task> tasks = store.tasksOf(jobId);
            reportFinishedClips(tasks);
            if (live) draw(job, tasks);
            if (job.status().isTerminal() || job.status() == dev.spool.domain.JobStatus.RECOVERY_REQUIRED) {
                if (live) out.println();
                out.flush();
                return job;
            }
            Thread.sleep(200);
        }
    }

    private void reportFinishedClips(List<Task> tasks) {
        for (Task t : tasks) {
            if (!t.status().isTerminal() || reported.get(t.id()) == t.status()) continue;
            reported.put(t.id(), t.status());
            if (live) out.print("\r\033[K");
            String name = t.source() == null ? t.kind() : Path.of(t.source()).getFileName().toString();
            String mark = switch (t.status()) {
                case COMPLETED -> t.warnings().isEmpty() ? "ok  " : "warn";
                case FAILED -> "FAIL";
                default -> "skip";
            };
            out.println(mark + "  " + name + (t.failureReason() == null ? "" : "  — " + t.failureReason())
                    + (t.warnings().isEmpty() ? "" : "  (" + String.join("; ", t.warnings()) + ")"));
        }
        out.flush();
    }

    private void draw(Job job, List<Task> tasks) {
        var c = job.counts();
        int done = c.completed() + c.failed() + c.skipped();
        double fraction = c.total() == 0 ? 0 : (double) done / c.total();
        String current = "";
        for (Task t : tasks) {
            if (t.status() != TaskStatus.RUNNING) continue;
            JsonNode p = JobViews.parse(t.progress());
            fraction += p != null && p.hasNonNull("percent") ? p.get("percent").asDouble() / 100.0 / Math.max(1, c.total()) : 0;
            String name = t.source() == null ? t.kind() : Path.of(t.source()).getFileName().toString();
            current = name + (p == null ? "" : format(p));
            break;
        }
        int filled = (int) Math.round(Math.min(1, fraction) * BAR);
        out.print("\r\033[K[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + done + "/" + c.total()
                + " clips  " + current);
        out.flush();
    }

    private static String format(JsonNode p) {
        StringBuilder s = new StringBuilder();
        if (p.hasNonNull("percent")) s.append(String.format(" %.0f%%", p.get("percent").asDouble()));
        if (p.hasNonNull("fps")) s.append(String.format(" %.0f fps", p.get("fps").asDouble()));
        if (p.hasNonNull("etaSeconds")) s.append(" ETA ").append(p.get("etaSeconds").asLong()).append("s");
        return s.toString();
    }
}
