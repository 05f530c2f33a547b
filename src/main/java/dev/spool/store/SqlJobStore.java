package dev.spool.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Event;
import dev.spool.domain.Job;
import dev.spool.domain.JobControl;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Lease;
import dev.spool.domain.LeaseLostException;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.NotFoundException;
import dev.spool.domain.OperationRefusedException;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskCounts;
import dev.spool.domain.TaskOutcome;
import dev.spool.domain.TaskStatus;
import dev.spool.domain.Transitions;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.spool.domain.JobStatus.CANCELLED;
import static dev.spool.domain.JobStatus.FAILED;
import static dev.spool.domain.JobStatus.PAUSED;
import static dev.spool.domain.JobStatus.PENDING;
import static dev.spool.domain.JobStatus.RECOVERY_REQUIRED;
import static dev.spool.domain.JobStatus.RUNNING;

/**
 * The SQL implementation of {@link JobStore} for both dialects. It speaks only named queries from
 * {@code db/queries}; the dialect decides which file a name comes from.
 */
public final class SqlJobStore implements JobStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    public SqlJobStore(Database db) {
        this.db = db;
    }

    /** Opens the database at {@code jdbcUrl} (migrating it) and returns a store over it. */
    public static SqlJobStore open(String jdbcUrl, java.time.Clock clock) {
        return new SqlJobStore(Database.open(jdbcUrl, clock));
    }

    public Database database() {
        return db;
    }

    // --- jobs ---------------------------------------------------------------------------------------

    @Override
    public Job createJob(NewJob job) {
        return createJob(job, null);
    }

    /** Jobs at least this large refresh the planner's statistics after they are created. */
    private static final int ANALYZE_AFTER_TASKS = 1000;

    @Override
    public Job createJob(NewJob job, String idempotencyKey) {
        Job created = createJobOnce(job, idempotencyKey);
        if (job.tasks().size() >= ANALYZE_AFTER_TASKS) db.write(tx -> tx.update("task.analyze", Map.of()));
        return created;
    }

    private Job createJobOnce(NewJob job, String idempotencyKey) {
        try {
            return db.write(tx -> {
                if (idempotencyKey != null) {
                    Optional<String> existing = tx.one("job.by_idempotency_key", p("key", idempotencyKey),
                            rs -> rs.getString(1));
                    if (existing.isPresent()) return loadJob(tx, existing.get());
                }
                return insertJob(tx, job, idempotencyKey);
            });
        } catch (StoreException e) {
            // Two submits with one key raced and the unique index refused the second: return the first's job.
            if (idempotencyKey != null) {
                Optional<String> winner = db.read(tx -> tx.one("job.by_idempotency_key", p("key", idempotencyKey),
                        rs -> rs.getString(1)));
                if (winner.isPresent()) return getJob(winner.get());
            }
            throw e;
        }
    }

    private Job insertJob(Tx tx, NewJob job, String idempotencyKey) throws SQLException {
        String jobId = UUID.randomUUID().toString();
        tx.update("job.insert", p("id", jobId, "name", job.name(), "priority", job.priority(),
                "recovery_policy", job.recoveryPolicy(), "max_attempts", job.maxAttempts(),
                "preset_id", job.presetId(), "output_dir", job.outputDir(), "spec", job.spec(),
                "idempotency_key", idempotencyKey));
        List<String> ids = new ArrayList<>(job.tasks().size());
        List<Map<String, Object>> rows = new ArrayList<>(job.tasks().size());
        List<Map<String, Object>> deps = new ArrayList<>();
        for (int i = 0; i < job.tasks().size(); i++) {
            NewTask t = job.tasks().get(i);
            String taskId = UUID.randomUUID().toString();
            ids.add(taskId);
            rows.add(p("id", taskId, "job_id", jobId, "seq", i, "kind", t.kind(), "source", t.source(),
                    "spec", t.spec(), "priority", job.priority(), "max_attempts", job.maxAttempts(),
                    "has_deps", t.dependsOn().isEmpty() ? 0 : 1));
            for (int d : t.dependsOn()) deps.add(p("task_id", taskId, "depends_on", ids.get(d)));
        }
        tx.batch("task.insert", rows);
        tx.batch("task_dep.insert", deps);
        tx.event(jobId, null, "job.created", json(p("status", PENDING, "name", job.name(),
                "tasks", job.tasks().size(), "priority", job.priority(),
                "recovery_policy", job.recoveryPolicy().wireName())));
        if (job.start()) {
            tx.update("job.start", p("id", jobId, "from", PENDING));
            tx.event(jobId, null, "job.started", json(p("from", PENDING, "status", RUNNING)));
        }
        return loadJob(tx, jobId);
    }

    @Override
    public Optional<Job> findJob(String jobId) {
        return db.read(tx -> tx.one("job.get", p("id", jobId), rs -> rs.getString("id")).isPresent()
                ? Optional.of(loadJob(tx, jobId)) : Optional.empty());
    }

    @Override
    public Job getJob(String jobId) {
        return findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
    }

    @Override
    public List<Task> tasksOf(String jobId) {
        return db.read(tx -> loadTasks(tx, jobId));
    }

    @Override
    public Optional<Task> findTask(String taskId) {
        return db.read(tx -> {
            Optional<Task> t = tx.one("task.get", p("id", taskId), SqlJobStore::task);
            if (t.isEmpty()) return t;
            return Optional.of(withDeps(tx, List.of(t.get())).get(0));
        });
    }

    @Override
    public Page<Job> listJobs(Set<JobStatus> statuses, String cursor, int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1 to 1000, got " + limit);
        Cursor c = Cursor.decode(cursor);
        return db.read(tx -> {
            List<String> names = statuses == null ? List.of() : statuses.stream().map(Enum::name).toList();
            Map<String, Object> params = p("statuses_any", names.isEmpty() ? 1 : 0, "statuses", names,
                    "has_cursor", c == null ? 0 : 1, "cursor_at", c == null ? 0L : c.createdAt,
                    "cursor_id", c == null ? "" : c.id, "limit", limit + 1);
            List<JobRow> rows = tx.query("job.list", params, SqlJobStore::jobRow);
            boolean more = rows.size() > limit;
            if (more) rows = rows.subList(0, limit);
            Map<String, TaskCounts> counts = counts(tx, rows.stream().map(r -> r.id).toList());
            List<Job> jobs = rows.stream().map(r -> r.toJob(counts.get(r.id))).toList();
            String next = more ? new Cursor(rows.get(rows.size() - 1).createdAt, rows.get(rows.size() - 1).id).encode()
                    : null;
            return new Page<>(jobs, next);
        });
    }

    // --- workers ------------------------------------------------------------------------------------

    @Override
    public List<Task> claim(String workerId, int max, Duration leaseFor, String onlyJobId) {
        if (max < 1) return List.of();
        return db.write(tx -> {
            long expires = tx.nowMillis() + leaseFor.toMillis();
            List<Task> withDependencies = new ArrayList<>();
            List<Task> claimed = new ArrayList<>(tx.query("task.claim",
                    p("worker_id", workerId, "lease_expires_at", expires, "limit", max, "only_job", onlyJobId), rs -> {
                        Task t = task(rs);
                        if (rs.getInt("has_deps") != 0) withDependencies.add(t);
                        return t;
                    }));
            claimed.sort(Comparator.comparingInt(Task::priority).reversed()
                    .thenComparing(Task::queuedAt).thenComparing(Task::jobId).thenComparingInt(Task::seq));
            for (Task t : claimed) {
                tx.event(t.jobId(), t.id(), "task.started", json(p("status", TaskStatus.RUNNING,
                        "attempt", t.attempt(), "worker", workerId, "source", t.source())));
            }
            if (withDependencies.isEmpty()) return claimed;
            return withDeps(tx, claimed);
        });
    }

    @Override
    public List<Lease> heartbeat(List<Lease> leases, Duration leaseFor) {
        if (leases.isEmpty()) return List.of();
        return db.write(tx -> {
            long expires = tx.nowMillis() + leaseFor.toMillis();
            List<Lease> lost = new ArrayList<>();
            for (Lease l : leases) {
                int n = tx.update("task.heartbeat", fence(l, "lease_expires_at", expires));
                if (n == 0) lost.add(l);
            }
            return lost;
        });
    }

    @Override
    public void progress(Lease lease, String progressJson) {
        db.write(tx -> {
            Optional<String> jobId = tx.one("task.progress", fence(lease, "progress", progressJson),
                    rs -> rs.getString(1));
            if (jobId.isEmpty()) throw new LeaseLostException(lease);
            tx.event(jobId.get(), lease.taskId(), "task.progress", progressJson);
            return null;
        });
    }

    @Override
    public void finish(Lease lease, TaskOutcome outcome) {
        List<Lease> lost = finishAll(List.of(new Finished(lease, outcome)));
        if (!lost.isEmpty()) throw new LeaseLostException(lease);
    }

    @Override
    public List<Lease> finishAll(List<Finished> outcomes) {
        if (outcomes.isEmpty()) return List.of();
        List<Lease> lost = new ArrayList<>();
        Set<String> jobs = new java.util.LinkedHashSet<>();
        db.write(tx -> {
            // Warnings accumulate across attempts (e.g. "attempt 1 lost its lease"), so read them first.
            List<String> all = outcomes.stream().map(f -> f.lease().taskId()).toList();
            Map<String, String> jobOf = new HashMap<>();
            Map<String, List<String>> earlier = new HashMap<>();
            for (String[] r : tx.query("task.job_ids", p("ids", all),
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
                jobOf.put(r[0], r[1]);
                earlier.put(r[0], strings(r[2]));
            }
            List<Map<String, Object>> rows = new ArrayList<>(outcomes.size());
            for (Finished f : outcomes) rows.add(finishRow(f, earlier.getOrDefault(f.lease().taskId(), List.of())));
            int[] counts = tx.batch("task.finish", rows);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) lost.add(outcomes.get(i).lease());
            }
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) continue;
                Map<String, Object> row = rows.get(i);
                Lease lease = outcomes.get(i).lease();
                String jobId = jobOf.get(lease.taskId());
                jobs.add(jobId);
                TaskStatus to = (TaskStatus) row.get("to");
                Object reason = row.get("reason");
                tx.event(jobId, lease.taskId(), "task." + lower(to), json(p("status", to, "attempt", lease.attempt(),
                        "worker", lease.workerId(), "reason", reason, "warnings", row.get("warning_list"))));
                if (to != TaskStatus.COMPLETED) {
                    skipDependents(tx, List.of(lease.taskId()), "a task it depends on (" + lease.taskId() + ") "
                            + lower(to) + (reason == null ? "" : ": " + reason));
                }
            }
            return null;
        });
        for (String jobId : jobs) finishJobIfDone(jobId);
        return lost;
    }

    private static Map<String, Object> finishRow(Finished f, List<String> earlierWarnings) {
        TaskStatus to;
        String result = null;
        String reason = null;
        String stderr = null;
        List<String> warnings = List.of();
        if (f.outcome() instanceof TaskOutcome.Completed c) {
            to = TaskStatus.COMPLETED;
            result = c.result();
            warnings = c.warnings();
        } else if (f.outcome() instanceof TaskOutcome.Skipped s) {
            to = TaskStatus.SKIPPED;
            reason = s.reason();
        } else {
            TaskOutcome.Failed failed = (TaskOutcome.Failed) f.outcome();
            to = TaskStatus.FAILED;
            reason = failed.reason();
            stderr = failed.stderrTail();
            warnings = failed.warnings();
        }
        List<String> merged = warnings;
        if (!earlierWarnings.isEmpty()) {
            merged = new ArrayList<>(earlierWarnings);
            merged.addAll(warnings);
        }
        Map<String, Object> row = fence(f.lease(), "to", to, "result", result, "reason", reason, "stderr_tail", stderr,
                "warnings", json(merged));
        row.put("warning_list", warnings);
        return row;
    }

    private void skipDependents(Tx tx, List<String> taskIds, String reason) throws SQLException {
        List<String> frontier = taskIds;
        while (!frontier.isEmpty()) {
            List<String[]> skipped = tx.query("task.skip_dependents", p("ids", frontier, "reason", reason),
                    rs -> new String[] {rs.getString(1), rs.getString(2)});
            List<String> next = new ArrayList<>();
            for (String[] s : skipped) {
                tx.event(s[1], s[0], "task.skipped", json(p("status", TaskStatus.SKIPPED, "reason", reason)));
                next.add(s[0]);
            }
            frontier = next;
        }
    }

    /**
     * Finalises a job whose tasks are all terminal. Runs after the finishing transaction committed: two
     * workers finishing a job's last two tasks at once each see the other's task as unfinished inside their
     * own transactions, but after commit at least the later one sees none left.
     */
    private void finishJobIfDone(String jobId) {
        boolean unfinished = db.query(tx -> tx.one("task.has_unfinished", p("job_id", jobId), rs -> 1).isPresent());
        if (unfinished) return;
        db.write(tx -> {
            JobStatus status = lockStatus(tx, jobId);
            if (status != RUNNING && status != PAUSED) return null;
            if (tx.one("task.has_unfinished", p("job_id", jobId), rs -> 1).isPresent()) return null;
            TaskCounts counts = counts(tx, List.of(jobId)).get(jobId);
            JobStatus to = Transitions.check(jobId, status, counts.aggregate());
            tx.update("job.finish", p("id", jobId, "from", status, "to", to, "reason", null));
            tx.event(jobId, null, "job." + lower(to), json(p("from", status, "status", to, "counts", counts)));
            return null;
        });
    }

    @Override
    public List<Task> expiredLeases(int limit) {
        return db.read(tx -> tx.query("task.expired", p("limit", limit), SqlJobStore::task));
    }

    @Override
    public RescueReport rescueExpired(int limit) {
        List<Expired> expired = db.read(tx -> tx.query("task.expired", p("limit", limit),
                rs -> new Expired(task(rs), RecoveryPolicy.valueOf(rs.getString("job_recovery_policy")))));
        return rescue(expired, false);
    }

    @Override
    public RescueReport releaseWorker(String workerId) {
        List<Expired> held = db.read(tx -> {
            List<Task> tasks = tx.query("task.running_of_worker", p("worker_id", workerId), SqlJobStore::task);
            List<Expired> out = new ArrayList<>();
            for (Task t : tasks) out.add(new Expired(t, loadJob(tx, t.jobId()).recoveryPolicy()));
            return out;
        });
        return rescue(held, true);
    }

    private RescueReport rescue(List<Expired> expired, boolean regardlessOfExpiry) {
        List<String> requeued = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> recovery = new ArrayList<>();
        for (Expired e : expired) {
            Task t = e.task;
            String jobId = db.write(tx -> {
                long before = regardlessOfExpiry ? Long.MAX_VALUE : tx.nowMillis();
                Map<String, Object> guard = p("id", t.id(), "attempt", t.attempt(), "expired_before", before);
                String lostOn = "attempt " + t.attempt() + " on worker " + t.workerId() + " stopped renewing its lease";
                if (e.policy == RecoveryPolicy.AUTO && t.attempt() >= t.maxAttempts()) {
                    String reason = lostOn + "; no attempts left (max " + t.maxAttempts() + ")";
                    guard.put("reason", reason);
                    if (tx.update("task.fail_expired", guard) == 0) return null;
                    tx.event(t.jobId(), t.id(), "task.failed", json(p("status", TaskStatus.FAILED,
                            "attempt", t.attempt(), "reason", reason)));
                    skipDependents(tx, List.of(t.id()), "a task it depends on (" + t.id() + ") failed: " + reason);
                    failed.add(t.id());
                    return t.jobId();
                }
                List<String> warnings = new ArrayList<>(t.warnings());
                warnings.add(lostOn + (e.policy == RecoveryPolicy.AUTO ? "; re-queued" : "; re-queued for resume"));
                guard.put("warnings", json(warnings));
                if (tx.update("task.requeue_expired", guard) == 0) return null;
                tx.event(t.jobId(), t.id(), "task.requeued", json(p("status", TaskStatus.QUEUED,
                        "attempt", t.attempt(), "reason", lostOn)));
                requeued.add(t.id());
                if (e.policy == RecoveryPolicy.MANUAL) {
                    JobStatus status = lockStatus(tx, t.jobId());
                    if (status == RUNNING || status == PAUSED) {
                        String reason = "interrupted: " + lostOn + " (task " + t.id() + "); resume the job to continue";
                        tx.update("job.mark_recovery_required", p("id", t.jobId(), "from", status, "reason", reason));
                        tx.event(t.jobId(), null, "job.recovery_required", json(p("from", status,
                                "status", RECOVERY_REQUIRED, "reason", reason)));
                        recovery.add(t.jobId());
                    }
                }
                return null;
            });
            if (jobId != null) finishJobIfDone(jobId);
        }
        return new RescueReport(requeued, failed, recovery);
    }

    // --- operator control ---------------------------------------------------------------------------

    @Override
    public Job start(String jobId) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.START.check(jobId, st);
            tx.update("job.start", p("id", jobId, "from", st));
            tx.event(jobId, null, "job.started", json(p("from", st, "status", RUNNING)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public Job pause(String jobId) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.PAUSE.check(jobId, st);
            Transitions.check(jobId, st, PAUSED);
            tx.update("job.set_status", p("id", jobId, "from", st, "to", PAUSED));
            tx.event(jobId, null, "job.paused", json(p("from", st, "status", PAUSED)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public List<Task> resume(String jobId) {
        List<Task> toRun = db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.RESUME.check(jobId, st);
            Transitions.check(jobId, st, RUNNING);
            tx.update("job.start", p("id", jobId, "from", st));
            tx.event(jobId, null, "job.resumed", json(p("from", st, "status", RUNNING)));
            return loadTasks(tx, jobId).stream().filter(t -> t.status() == TaskStatus.QUEUED).toList();
        });
        finishJobIfDone(jobId);
        return toRun;
    }

    @Override
    public Set<String> stopRequested(java.util.Collection<String> taskIds) {
        if (taskIds.isEmpty()) return Set.of();
        return Set.copyOf(db.query(tx -> tx.query("task.stop_requested_among", p("ids", List.copyOf(taskIds)),
                rs -> rs.getString(1))));
    }

    @Override
    public Job cancel(String jobId, boolean stopRunning) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.CANCEL.check(jobId, st);
            List<String> skipped = tx.query("task.skip_queued_of_job", p("job_id", jobId, "reason", "cancelled"),
                    rs -> rs.getString(1));
            for (String id : skipped) {
                tx.event(jobId, id, "task.skipped", json(p("status", TaskStatus.SKIPPED, "reason", "cancelled")));
            }
            int stopping = stopRunning ? tx.update("task.request_stop_running_of_job", p("job_id", jobId)) : 0;
            tx.update("job.finish", p("id", jobId, "from", st, "to", CANCELLED, "reason", null));
            tx.event(jobId, null, "job.cancelled", json(p("from", st, "status", CANCELLED, "skipped", skipped.size(),
                    "stopping", stopping)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public List<Task> retryFailed(String jobId) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.RETRY_FAILED.check(jobId, st);
            List<String> ids = tx.query("task.requeue_failed_of_job", p("job_id", jobId), rs -> rs.getString(1));
            if (ids.isEmpty()) throw refuse(jobId, "retry failed clips of", st, "it has no FAILED clips");
            for (String id : ids) {
                tx.event(jobId, id, "task.requeued", json(p("status", TaskStatus.QUEUED, "reason", "retry-failed")));
            }
            if (st.isTerminal()) {
                Transitions.check(jobId, st, RUNNING);
                tx.update("job.start", p("id", jobId, "from", st));
                tx.event(jobId, null, "job.retried", json(p("from", st, "status", RUNNING, "requeued", ids.size())));
            }
            Set<String> requeued = Set.copyOf(ids);
            return loadTasks(tx, jobId).stream().filter(t -> requeued.contains(t.id())).toList();
        });
    }

    @Override
    public Job rebind(String jobId, String presetId) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.REBIND.check(jobId, st);
            String previous = loadJob(tx, jobId).presetId();
            tx.update("job.rebind", p("id", jobId, "from", st, "preset_id", presetId));
            tx.event(jobId, null, "job.rebound", json(p("status", st, "from_preset", previous, "preset", presetId)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public Job markRecoveryRequired(String jobId, String reason) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.MARK_RECOVERY_REQUIRED.check(jobId, st);
            tx.update("job.mark_recovery_required", p("id", jobId, "from", st, "reason", reason));
            tx.event(jobId, null, "job.recovery_required", json(p("from", st, "status", RECOVERY_REQUIRED,
                    "reason", reason)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public Job failJob(String jobId, String reason) {
        return db.write(tx -> {
            JobStatus st = lockStatus(tx, jobId);
            JobControl.FAIL.check(jobId, st);
            List<String> skipped = tx.query("task.skip_queued_of_job",
                    p("job_id", jobId, "reason", "job failed: " + reason), rs -> rs.getString(1));
            for (String id : skipped) {
                tx.event(jobId, id, "task.skipped", json(p("status", TaskStatus.SKIPPED, "reason", "job failed")));
            }
            tx.update("job.finish", p("id", jobId, "from", st, "to", FAILED, "reason", reason));
            tx.event(jobId, null, "job.failed", json(p("from", st, "status", FAILED, "reason", reason)));
            return loadJob(tx, jobId);
        });
    }

    @Override
    public void setReportDir(String jobId, String reportDir) {
        db.write(tx -> {
            if (tx.update("job.set_report_dir", p("id", jobId, "report_dir", reportDir)) == 0) {
                throw new NotFoundException("job", jobId);
            }
            tx.event(jobId, null, "job.reports", json(p("report_dir", reportDir)));
            return null;
        });
    }

    @Override
    public Optional<Integer> queuePosition(String taskId) {
        return db.read(tx -> {
            Optional<Task> t = tx.one("task.get", p("id", taskId), SqlJobStore::task);
            if (t.isEmpty() || t.get().status() != TaskStatus.QUEUED) return Optional.empty();
            if (lockStatusForRead(tx, t.get().jobId()) != RUNNING) return Optional.empty();
            Task task = t.get();
            return tx.one("task.queue_position", p("priority", task.priority(), "queued_at", task.queuedAt(),
                    "job_id", task.jobId(), "seq", task.seq()), rs -> rs.getInt(1));
        });
    }

    // --- events and leadership ----------------------------------------------------------------------

    @Override
    public List<Event> eventsAfter(long afterId, Set<String> jobIds, int limit) {
        return db.read(tx -> jobIds == null || jobIds.isEmpty()
                ? tx.query("event.after", p("after", afterId, "limit", limit), SqlJobStore::event)
                : tx.query("event.after_for_jobs", p("after", afterId, "job_ids", List.copyOf(jobIds), "limit", limit),
                SqlJobStore::event));
    }

    @Override
    public long lastEventId() {
        return db.read(tx -> tx.one("event.last_id", Map.of(), rs -> rs.getLong(1)).orElse(0L));
    }

    @Override
    public boolean tryLead(String name, String holder, Duration ttl) {
        return db.write(tx -> tx.one("leader.acquire", p("name", name, "holder", holder,
                "expires_at", tx.nowMillis() + ttl.toMillis()), rs -> rs.getString(1))
                .map(holder::equals).orElse(false));
    }

    @Override
    public void releaseLead(String name, String holder) {
        db.write(tx -> tx.update("leader.release", p("name", name, "holder", holder)));
    }

    @Override
    public String describe() {
        return db.dialect().folder() + " " + db.url() + " (schema version " + db.schemaVersion() + ")";
    }

    @Override
    public void close() {
        db.close();
    }

    // --- mapping ------------------------------------------------------------------------------------

    private JobStatus lockStatus(Tx tx, String jobId) throws SQLException {
        return tx.one("job.lock", p("id", jobId), rs -> JobStatus.valueOf(rs.getString(1)))
                .orElseThrow(() -> new NotFoundException("job", jobId));
    }

    private JobStatus lockStatusForRead(Tx tx, String jobId) throws SQLException {
        return tx.one("job.get", p("id", jobId), rs -> JobStatus.valueOf(rs.getString("status")))
                .orElseThrow(() -> new NotFoundException("job", jobId));
    }

    private static OperationRefusedException refuse(String jobId, String op, JobStatus st, String reason) {
        return new OperationRefusedException(jobId, op, st, reason);
    }

    private Job loadJob(Tx tx, String jobId) throws SQLException {
        JobRow row = tx.one("job.get", p("id", jobId), SqlJobStore::jobRow)
                .orElseThrow(() -> new NotFoundException("job", jobId));
        return row.toJob(counts(tx, List.of(jobId)).get(jobId));
    }

    private List<Task> loadTasks(Tx tx, String jobId) throws SQLException {
        List<Task> tasks = tx.query("task.list_by_job", p("job_id", jobId), SqlJobStore::task);
        Map<String, List<String>> deps = new HashMap<>();
        for (String[] d : tx.query("task.deps_of_job", p("job_id", jobId),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            deps.computeIfAbsent(d[0], k -> new ArrayList<>()).add(d[1]);
        }
        if (deps.isEmpty()) return tasks;
        return tasks.stream().map(t -> withDeps(t, deps.get(t.id()))).toList();
    }

    private List<Task> withDeps(Tx tx, List<Task> tasks) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Task t : tasks) ids.add(t.id());
        if (ids.isEmpty()) return tasks;
        Map<String, List<String>> deps = new HashMap<>();
        for (String[] d : tx.query("task.deps_of", p("ids", ids), rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            deps.computeIfAbsent(d[0], k -> new ArrayList<>()).add(d[1]);
        }
        if (deps.isEmpty()) return tasks;
        return tasks.stream().map(t -> withDeps(t, deps.get(t.id()))).toList();
    }

    private static Task withDeps(Task t, List<String> deps) {
        if (deps == null) return t;
        return new Task(t.id(), t.jobId(), t.seq(), t.kind(), t.status(), t.source(), t.spec(), t.priority(),
                t.attempt(), t.maxAttempts(), t.workerId(), t.leaseExpiresAt(), t.failureReason(), t.warnings(),
                t.stderrTail(), t.result(), t.progress(), deps, t.queuedAt(), t.createdAt(), t.startedAt(), t.finishedAt(),
                t.updatedAt());
    }

    private Map<String, TaskCounts> counts(Tx tx, List<String> jobIds) throws SQLException {
        Map<String, int[]> acc = new LinkedHashMap<>();
        for (String id : jobIds) acc.put(id, new int[6]);
        if (jobIds.isEmpty()) return Map.of();
        tx.query("job.counts", p("ids", jobIds), rs -> {
            int[] c = acc.get(rs.getString("job_id"));
            int n = rs.getInt("n");
            switch (TaskStatus.valueOf(rs.getString("status"))) {
                case QUEUED -> c[0] += n;
                case RUNNING -> c[1] += n;
                case COMPLETED -> c[2] += n;
                case SKIPPED -> c[3] += n;
                case FAILED -> c[4] += n;
            }
            c[5] += rs.getInt("warned");
            return null;
        });
        Map<String, TaskCounts> out = new HashMap<>();
        acc.forEach((id, c) -> out.put(id, new TaskCounts(c[0], c[1], c[2], c[3], c[4], c[5])));
        return out;
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getString("id"), rs.getString("job_id"), rs.getInt("seq"), rs.getString("kind"),
                TaskStatus.valueOf(rs.getString("status")), rs.getString("source"), rs.getString("spec"),
                rs.getInt("priority"), rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getString("worker_id"),
                instant(rs, "lease_expires_at"), rs.getString("failure_reason"), strings(rs.getString("warnings")),
                rs.getString("stderr_tail"), rs.getString("result"), rs.getString("progress"), List.of(),
                instant(rs, "queued_at"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "updated_at"));
    }

    private static Event event(ResultSet rs) throws SQLException {
        return new Event(rs.getLong("id"), rs.getString("job_id"), rs.getString("task_id"), rs.getString("type"),
                rs.getString("payload"), instant(rs, "created_at"));
    }

    private static JobRow jobRow(ResultSet rs) throws SQLException {
        return new JobRow(rs.getString("id"), rs.getString("name"), JobStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"), RecoveryPolicy.valueOf(rs.getString("recovery_policy")),
                rs.getInt("max_attempts"), rs.getString("preset_id"), rs.getString("output_dir"), rs.getString("spec"),
                rs.getString("failure_reason"), strings(rs.getString("warnings")), rs.getString("report_dir"),
                rs.getLong("created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "updated_at"));
    }

    private record JobRow(String id, String name, JobStatus status, int priority, RecoveryPolicy policy,
                          int maxAttempts, String presetId, String outputDir, String spec, String failureReason,
                          List<String> warnings, String reportDir, long createdAt, Instant startedAt,
                          Instant finishedAt, Instant updatedAt) {
        Job toJob(TaskCounts counts) {
            return new Job(id, name, status, priority, policy, maxAttempts, presetId, outputDir, spec, failureReason,
                    warnings, counts, reportDir, Instant.ofEpochMilli(createdAt), startedAt, finishedAt, updatedAt);
        }
    }

    private record Expired(Task task, RecoveryPolicy policy) {
    }

    /** Opaque listing position: the last item's creation time and id, base64url-encoded. */
    private record Cursor(long createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String s) {
            if (s == null || s.isEmpty()) return null;
            try {
                String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor '" + s + "': pass the nextCursor of a previous page");
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static List<String> strings(String json) {
        if (json == null || json.isEmpty() || json.equals("[]")) return List.of();
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt warnings column: " + json, e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value, e);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> fence(Lease l, Object... more) {
        Map<String, Object> m = p(more);
        m.put("id", l.taskId());
        m.put("attempt", l.attempt());
        m.put("worker_id", l.workerId());
        return m;
    }

    /** Parameters as name/value pairs; values may be null. */
    static Map<String, Object> p(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
