-- SQLite overrides. One writer at a time (BEGIN IMMEDIATE), so the sub-select and the update see the
-- same rows and no locking clause is needed. The job check is an EXISTS, not a join, so SQLite walks
-- tasks_claimable in order and stops after :limit rows instead of sorting every queued task.

-- name: task.claim
UPDATE tasks SET status = 'RUNNING', attempt = attempt + 1, worker_id = :worker_id,
                 lease_expires_at = :lease_expires_at, progress = NULL, stop_requested = 0, started_at = :now, updated_at = :now
WHERE id IN (
    SELECT t.id FROM tasks t
    WHERE t.status = 'QUEUED'
      AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = t.job_id AND j.status = 'RUNNING')
      AND (CAST(:only_job AS TEXT) IS NULL OR t.job_id = :only_job)
      AND (t.has_deps = 0 OR NOT EXISTS (
            SELECT 1 FROM task_deps d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id = t.id AND p.status <> 'COMPLETED'))
    ORDER BY t.priority DESC, t.queued_at, t.job_id, t.seq
    LIMIT :limit)
RETURNING *
