-- name: webhook.subscribe
INSERT INTO job_webhooks (job_id, url, created_at) VALUES (:job_id, :url, :now) ON CONFLICT DO NOTHING

-- name: webhook.urls_for_jobs
SELECT job_id, url FROM job_webhooks WHERE job_id IN (:job_ids)

-- Deliveries are unique per (event, url), so enqueueing the same event twice is harmless.
-- name: webhook.enqueue
INSERT INTO webhook_deliveries (job_id, event_id, event_type, url, payload, status, attempts, next_attempt_at,
                                created_at, updated_at)
VALUES (:job_id, :event_id, :event_type, :url, :payload, 'PENDING', 0, :now, :now, :now)
ON CONFLICT DO NOTHING

-- name: webhook.due
SELECT * FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now
ORDER BY next_attempt_at, id LIMIT :limit

-- name: webhook.record_attempt
INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, outcome, error, duration_ms)
VALUES (:delivery_id, :attempt, :now, :status_code, :outcome, :error, :duration_ms)

-- Guarded by the attempt count so two senders cannot both record the same attempt.
-- name: webhook.after_attempt
UPDATE webhook_deliveries SET status = :status, attempts = :attempt, next_attempt_at = :next_attempt_at,
       last_error = :error, updated_at = :now
WHERE id = :id AND status = 'PENDING' AND attempts = :attempt - 1

-- name: webhook.deliveries_of_job
SELECT * FROM webhook_deliveries WHERE job_id = :job_id ORDER BY id

-- name: webhook.attempts_of_job
SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
WHERE d.job_id = :job_id ORDER BY a.delivery_id, a.attempt
