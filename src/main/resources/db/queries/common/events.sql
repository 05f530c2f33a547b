-- name: event.insert
INSERT INTO events (job_id, task_id, type, payload, created_at) VALUES (:job_id, :task_id, :type, :payload, :now)

-- name: event.after
SELECT * FROM events WHERE id > :after ORDER BY id LIMIT :limit

-- name: event.after_for_jobs
SELECT * FROM events WHERE id > :after AND job_id IN (:job_ids) ORDER BY id LIMIT :limit

-- name: event.last_id
SELECT COALESCE(MAX(id), 0) AS last_id FROM events

-- Serialises event-writing commits so that event ids become visible in id order (see
-- postgresql/events.sql). SQLite has one writer, so nothing is needed.
-- name: event.order_lock
