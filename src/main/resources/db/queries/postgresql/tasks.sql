-- PostgreSQL overrides. Claimers race: SKIP LOCKED lets each take different rows in one statement.

-- name: task.claim
WITH picked AS (
    SELECT t.id FROM tasks t
    WHERE t.status = 'QUEUED'
      AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = t.job_id AND j.status = 'RUNNING')
      AND (CAST(:only_job AS TEXT) IS NULL OR t.job_id = :only_job)
      AND (t.has_deps = 0 OR NOT EXISTS (
            SELECT 1 FROM task_deps d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id = t.id AND p.status <> 'COMPLETED'))
    ORDER BY t.priority DESC, t.queued_at, t.job_id, t.seq
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE tasks SET status = 'RUNNING', attempt = tasks.attempt + 1, worker_id = :worker_id,
                 lease_expires_at = :lease_expires_at, progress = NULL, stop_requested = 0, started_at = :now, updated_at = :now
FROM picked WHERE tasks.id = picked.id
RETURNING tasks.*

-- A job of thousands of tasks arriving in an empty table leaves the planner thinking the table is empty,
-- and it then sorts every queued row on each claim instead of walking tasks_claimable. Autovacuum would fix
-- that within a minute; a large submit refreshes the statistics at once.
-- name: task.analyze
ANALYZE tasks
