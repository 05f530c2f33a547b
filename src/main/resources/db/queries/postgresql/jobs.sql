-- PostgreSQL overrides for jobs.

-- name: job.lock
SELECT status FROM jobs WHERE id = :id FOR UPDATE
