-- name: token.insert
INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (:id, :name, :role, :token_hash, :now)

-- name: token.by_id
SELECT * FROM api_tokens WHERE id = :id

-- name: token.by_name
SELECT * FROM api_tokens WHERE name = :name

-- name: token.list
SELECT * FROM api_tokens ORDER BY created_at, name

-- name: token.count
SELECT COUNT(*) AS n FROM api_tokens

-- name: token.delete
DELETE FROM api_tokens WHERE name = :name
