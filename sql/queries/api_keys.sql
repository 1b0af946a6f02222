-- API keys. Only a SHA-256 hash of each key is stored; `prefix` (e.g. dsr_k3x9q2mf) is the
-- non-secret part that identifies a key in logs and in `dossier keys list`.

-- name: insert_key(name, prefix, key_hash, scope)^
INSERT INTO api_keys (name, prefix, key_hash, scope)
VALUES (:name, :prefix, :key_hash, :scope)
RETURNING id, name, prefix, scope, created_at, last_used_at, revoked_at;

-- name: list_keys()
SELECT id, name, prefix, scope, created_at, last_used_at, revoked_at
FROM api_keys
ORDER BY id;

-- name: find_key_by_prefix(prefix)^
-- The caller compares key_hash in constant time; revoked keys are returned too (and refused).
SELECT id, prefix, key_hash, scope, last_used_at, revoked_at,
       last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS needs_touch
FROM api_keys
WHERE prefix = :prefix;

-- name: touch_key(id)!
-- At most one write per key and minute, so that busy keys do not turn reads into writes.
UPDATE api_keys SET last_used_at = now()
WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');

-- name: revoke_key(id)^
UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
WHERE id = :id
RETURNING id, name, prefix, scope, created_at, last_used_at, revoked_at;

-- name: list_keys_page(revoked, after_id, limit)
SELECT id, name, prefix, scope, created_at, last_used_at, revoked_at
FROM api_keys
WHERE (:revoked::boolean IS NULL OR (revoked_at IS NOT NULL) = :revoked)
  AND (:after_id::bigint IS NULL OR id > :after_id)
ORDER BY id
LIMIT :limit;

-- name: get_key(id)^
SELECT id, name, prefix, scope, created_at, last_used_at, revoked_at
FROM api_keys
WHERE id = :id;
