-- Named queries on the jobs table, shared by both dialects unless a dialect file overrides a name.
-- Parameters are :name; a collection parameter expands to a comma-separated list.

-- name: job.insert
INSERT INTO jobs (id, name, status, priority, recovery_policy, max_attempts, preset_id, output_dir, spec,
                  warnings, idempotency_key, created_at, updated_at)
VALUES (:id, :name, 'PENDING', :priority, :recovery_policy, :max_attempts, :preset_id, :output_dir, :spec,
        '[]', :idempotency_key, :now, :now)

-- name: job.get
SELECT * FROM jobs WHERE id = :id

-- name: job.by_idempotency_key
SELECT id FROM jobs WHERE idempotency_key = :key

-- Reads a job's status and holds it against concurrent control operations until commit.
-- name: job.lock
SELECT status FROM jobs WHERE id = :id

-- name: job.set_status
UPDATE jobs SET status = :to, updated_at = :now WHERE id = :id AND status = :from

-- name: job.start
UPDATE jobs SET status = 'RUNNING', started_at = COALESCE(started_at, :now), finished_at = NULL,
                failure_reason = NULL, updated_at = :now
WHERE id = :id AND status = :from

-- name: job.finish
UPDATE jobs SET status = :to, finished_at = :now, failure_reason = :reason, updated_at = :now
WHERE id = :id AND status = :from

-- name: job.mark_recovery_required
UPDATE jobs SET status = 'RECOVERY_REQUIRED', failure_reason = :reason, updated_at = :now
WHERE id = :id AND status = :from

-- name: job.rebind
UPDATE jobs SET preset_id = :preset_id, updated_at = :now WHERE id = :id AND status = :from

-- name: job.set_report_dir
UPDATE jobs SET report_dir = :report_dir, updated_at = :now WHERE id = :id

-- Newest first; :statuses_any = 1 disables the status filter, :has_cursor = 0 starts at the newest.
-- name: job.list
SELECT * FROM jobs
WHERE (:statuses_any = 1 OR status IN (:statuses))
  AND (:has_cursor = 0 OR created_at < :cursor_at OR (created_at = :cursor_at AND id < :cursor_id))
ORDER BY created_at DESC, id DESC
LIMIT :limit

-- name: job.counts
SELECT job_id, status, COUNT(*) AS n, SUM(CASE WHEN warnings <> '[]' THEN 1 ELSE 0 END) AS warned
FROM tasks WHERE job_id IN (:ids) GROUP BY job_id, status
