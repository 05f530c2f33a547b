package dev.spool.store;

import dev.spool.domain.JobStatus;
import dev.spool.domain.TaskStatus;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Aggregate read-outs for metrics and dashboards: counts by state, queue depth, active and recent jobs. */
public final class JobStats {
    private final Database db;

    public JobStats(Database db) {
        this.db = db;
    }

    /** Jobs per state; states with no jobs are present with 0. */
    public Map<JobStatus, Long> jobsByStatus() {
        Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) out.put(s, 0L);
        db.query(tx -> tx.query("stats.jobs_by_status", Map.of(),
                rs -> out.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("n"))));
        return out;
    }

    /** Tasks per state; states with no tasks are present with 0. */
    public Map<TaskStatus, Long> tasksByStatus() {
        Map<TaskStatus, Long> out = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) out.put(s, 0L);
        db.query(tx -> tx.query("stats.tasks_by_status", Map.of(),
                rs -> out.put(TaskStatus.valueOf(rs.getString("status")), rs.getLong("n"))));
        return out;
    }

    /** Queued tasks of running jobs: what free slots would pick up next. */
    public long queueDepth() {
        return db.query(tx -> tx.one("stats.queue_depth", Map.of(), rs -> rs.getLong("n")).orElse(0L));
    }

    /** Ids of jobs that have not ended (PENDING, RUNNING, PAUSED, RECOVERY_REQUIRED), newest first. */
    public List<String> activeJobIds(int limit) {
        return db.query(tx -> tx.query("stats.active_jobs", Map.of("limit", limit), rs -> rs.getString("id")));
    }

    /** Ids of jobs that ended at or after {@code since}, most recently ended first. */
    public List<String> recentJobIds(Instant since, int limit) {
        return db.query(tx -> tx.query("stats.recent_jobs", Map.of("since", since.toEpochMilli(), "limit", limit),
                rs -> rs.getString("id")));
    }
}
