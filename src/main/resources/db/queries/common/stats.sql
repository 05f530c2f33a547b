-- name: stats.jobs_by_status
SELECT status, COUNT(*) AS n FROM jobs GROUP BY status

-- name: stats.tasks_by_status
SELECT status, COUNT(*) AS n FROM tasks GROUP BY status

-- Tasks waiting to run in jobs that are running (what a free slot would pick up).
-- name: stats.queue_depth
SELECT COUNT(*) AS n FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE t.status = 'QUEUED' AND j.status = 'RUNNING'

-- name: stats.active_jobs
SELECT id FROM jobs WHERE status IN ('PENDING','RUNNING','PAUSED','RECOVERY_REQUIRED')
ORDER BY created_at DESC, id DESC LIMIT :limit

-- name: stats.recent_jobs
SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at >= :since
ORDER BY finished_at DESC, id DESC LIMIT :limit
