-- name: leader.acquire
INSERT INTO leader (name, holder, expires_at) VALUES (:name, :holder, :expires_at)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
WHERE leader.holder = excluded.holder OR leader.expires_at < :now
RETURNING holder

-- name: leader.release
DELETE FROM leader WHERE name = :name AND holder = :holder

-- name: leader.get
SELECT holder, expires_at FROM leader WHERE name = :name
