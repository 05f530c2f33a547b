-- Named queries on the tasks and task_deps tables. Every write a worker makes is fenced by
-- (id, attempt, worker_id, status RUNNING): zero rows updated means the lease was lost.

-- name: task.insert
INSERT INTO tasks (id, job_id, seq, kind, status, source, spec, priority, queued_at, attempt, max_attempts,
                   warnings, has_deps, created_at, updated_at)
VALUES (:id, :job_id, :seq, :kind, 'QUEUED', :source, :spec, :priority, :now, 0, :max_attempts,
        '[]', :has_deps, :now, :now)

-- name: task_dep.insert
INSERT INTO task_deps (task_id, depends_on) VALUES (:task_id, :depends_on)

-- name: task.get
SELECT * FROM tasks WHERE id = :id

-- name: task.list_by_job
SELECT * FROM tasks WHERE job_id = :job_id ORDER BY seq

-- name: task.deps_of_job
SELECT d.task_id, d.depends_on FROM task_deps d JOIN tasks t ON t.id = d.task_id WHERE t.job_id = :job_id

-- name: task.deps_of
SELECT task_id, depends_on FROM task_deps WHERE task_id IN (:ids)

-- name: task.heartbeat
UPDATE tasks SET lease_expires_at = :lease_expires_at, updated_at = :now
WHERE id = :id AND attempt = :attempt AND worker_id = :worker_id AND status = 'RUNNING'

-- name: task.progress
UPDATE tasks SET progress = :progress, updated_at = :now
WHERE id = :id AND attempt = :attempt AND worker_id = :worker_id AND status = 'RUNNING'
RETURNING job_id

-- Run as a JDBC batch; an update count of 0 means that lease was lost.
-- name: task.finish
UPDATE tasks SET status = :to, result = :result, failure_reason = :reason, stderr_tail = :stderr_tail,
                 warnings = :warnings, lease_expires_at = NULL, finished_at = :now, updated_at = :now
WHERE id = :id AND attempt = :attempt AND worker_id = :worker_id AND status = 'RUNNING'

-- name: task.job_ids
SELECT id, job_id, warnings FROM tasks WHERE id IN (:ids)

-- name: task.skip_dependents
UPDATE tasks SET status = 'SKIPPED', failure_reason = :reason, finished_at = :now, updated_at = :now
WHERE status = 'QUEUED' AND id IN (SELECT task_id FROM task_deps WHERE depends_on IN (:ids))
RETURNING id, job_id

-- name: task.has_unfinished
SELECT 1 FROM tasks WHERE job_id = :job_id AND status IN ('QUEUED', 'RUNNING') LIMIT 1

-- name: task.expired
SELECT t.*, j.recovery_policy AS job_recovery_policy, j.status AS job_status
FROM tasks t JOIN jobs j ON j.id = t.job_id
WHERE t.status = 'RUNNING' AND t.lease_expires_at < :now
ORDER BY t.lease_expires_at
LIMIT :limit

-- name: task.running_of_worker
SELECT * FROM tasks WHERE status = 'RUNNING' AND worker_id = :worker_id

-- Hands an expired attempt back to the queue at its original age (it was claimed in order, so it goes
-- first again); guarded so a heartbeat that won the race keeps its lease.
-- name: task.requeue_expired
UPDATE tasks SET status = 'QUEUED', worker_id = NULL, lease_expires_at = NULL, progress = NULL,
                 warnings = :warnings, updated_at = :now
WHERE id = :id AND attempt = :attempt AND status = 'RUNNING' AND lease_expires_at < :expired_before

-- name: task.fail_expired
UPDATE tasks SET status = 'FAILED', failure_reason = :reason, lease_expires_at = NULL, finished_at = :now,
                 updated_at = :now
WHERE id = :id AND attempt = :attempt AND status = 'RUNNING' AND lease_expires_at < :expired_before

-- name: task.skip_queued_of_job
UPDATE tasks SET status = 'SKIPPED', failure_reason = :reason, finished_at = :now, updated_at = :now
WHERE job_id = :job_id AND status = 'QUEUED'
RETURNING id

-- name: task.requeue_failed_of_job
UPDATE tasks SET status = 'QUEUED', failure_reason = NULL, stderr_tail = NULL, worker_id = NULL,
                 progress = NULL, result = NULL, finished_at = NULL, queued_at = :now, updated_at = :now
WHERE job_id = :job_id AND status = 'FAILED'
RETURNING id

-- name: task.queue_position
SELECT COUNT(*) AS ahead FROM tasks t JOIN jobs j ON j.id = t.job_id
WHERE t.status = 'QUEUED' AND j.status = 'RUNNING'
  AND (t.priority > :priority OR (t.priority = :priority AND (t.queued_at < :queued_at
       OR (t.queued_at = :queued_at AND (t.job_id < :job_id OR (t.job_id = :job_id AND t.seq < :seq))))))

-- Refreshes planner statistics after a large job was added (see postgresql/tasks.sql); nothing on SQLite.
-- name: task.analyze

-- name: task.request_stop_running_of_job
UPDATE tasks SET stop_requested = 1, updated_at = :now WHERE job_id = :job_id AND status = 'RUNNING'

-- Which of these running attempts an operator asked to stop (job cancelled with stop).
-- name: task.stop_requested_among
SELECT id FROM tasks WHERE id IN (:ids) AND status = 'RUNNING' AND stop_requested = 1
