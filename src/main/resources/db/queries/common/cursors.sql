-- name: cursor.get
SELECT last_id FROM cursors WHERE name = :name

-- name: cursor.set
INSERT INTO cursors (name, last_id) VALUES (:name, :last_id)
ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id
