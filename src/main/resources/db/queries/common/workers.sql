-- name: worker.register
INSERT INTO workers (id, host, slots, current_tasks, started_at, last_heartbeat)
VALUES (:id, :host, :slots, '[]', :now, :now)
ON CONFLICT (id) DO UPDATE SET host = excluded.host, slots = excluded.slots, current_tasks = '[]',
       started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat

-- name: worker.heartbeat
UPDATE workers SET current_tasks = :current_tasks, last_heartbeat = :now WHERE id = :id

-- name: worker.remove
DELETE FROM workers WHERE id = :id

-- name: worker.list
SELECT * FROM workers ORDER BY id
