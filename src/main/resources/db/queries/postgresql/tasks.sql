-- PostgreSQL overrides. Claimers race: SKIP LOCKED lets each take different rows in one statement.

-- name: task.claim
WITH picked AS (
    SELECT t.id FROM tasks t JOIN jobs j ON j.id = t.job_id
    WHERE t.status = 'QUEUED' AND j.status = 'RUNNING'
      AND (t.has_deps = 0 OR NOT EXISTS (
            SELECT 1 FROM task_deps d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id = t.id AND p.status <> 'COMPLETED'))
    ORDER BY t.priority DESC, t.queued_at, t.job_id, t.seq
    LIMIT :limit
    FOR UPDATE OF t SKIP LOCKED
)
UPDATE tasks SET status = 'RUNNING', attempt = tasks.attempt + 1, worker_id = :worker_id,
                 lease_expires_at = :lease_expires_at, progress = NULL, started_at = :now, updated_at = :now
FROM picked WHERE tasks.id = picked.id
RETURNING tasks.*
