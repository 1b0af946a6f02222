-- Ingest jobs and their items (see sql/migrations/0041.ingest-jobs.sql).

-- name: insert_job(kind, total, idempotency_key, request_hash, extractor_version)^
INSERT INTO ingest_jobs (kind, total, idempotency_key, request_hash, extractor_version)
VALUES (:kind, :total, :idempotency_key, :request_hash, :extractor_version)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id;

-- name: find_job_by_idempotency_key(idempotency_key)^
SELECT id, request_hash FROM ingest_jobs WHERE idempotency_key = :idempotency_key;

-- name: get_job(id)^
SELECT * FROM ingest_jobs WHERE id = :id;

-- name: lock_job(id)^
SELECT * FROM ingest_jobs WHERE id = :id FOR UPDATE;

-- name: list_jobs(status, after_id, limit)
SELECT * FROM ingest_jobs
WHERE (:status::text IS NULL OR status = :status)
  AND (:after_id::bigint IS NULL OR id < :after_id)
ORDER BY id DESC
LIMIT :limit;

-- name: job_errors(job_id)
SELECT item_index AS index, error_field AS field, error_message AS message
FROM ingest_job_items
WHERE job_id = :job_id AND status = 'failed'
ORDER BY item_index
LIMIT 1000;

-- name: lock_item(job_id, item_index)^
SELECT i.status, i.payload, j.status AS job_status
FROM ingest_job_items i JOIN ingest_jobs j ON j.id = i.job_id
WHERE i.job_id = :job_id AND i.item_index = :item_index
FOR UPDATE OF i;

-- name: peek_items(job_id, first, last)
SELECT item_index, status, payload FROM ingest_job_items
WHERE job_id = :job_id AND item_index >= :first AND item_index < :last
ORDER BY item_index;

-- name: finish_item(job_id, item_index, status, article_id, error_field, error_message, duration_ms, worker)!
UPDATE ingest_job_items
SET status = :status, article_id = :article_id, error_field = :error_field,
    error_message = :error_message, duration_ms = :duration_ms, finished_at = now(),
    payload = NULL, worker = :worker
WHERE job_id = :job_id AND item_index = :item_index;

-- name: count_item(id, stored, skipped, failed, extractor_version)^
-- One processed item: bump its count; the last one sets the final status and finished_at.
UPDATE ingest_jobs
SET stored = stored + :stored, skipped = skipped + :skipped, failed = failed + :failed,
    extractor_version = coalesce(:extractor_version, extractor_version),
    started_at = coalesce(started_at, now()),
    status = CASE
      WHEN status = 'cancelled' THEN status
      WHEN stored + skipped + failed + cancelled + 1 < total THEN 'running'
      WHEN stored + :stored + skipped + :skipped = 0 THEN 'failed'
      ELSE 'done' END,
    finished_at = CASE
      WHEN stored + skipped + failed + cancelled + 1 >= total THEN now()
      ELSE finished_at END
WHERE id = :id
RETURNING *;

-- name: mark_started(id)!
UPDATE ingest_jobs SET started_at = coalesce(started_at, now()),
  status = CASE WHEN status = 'queued' THEN 'running' ELSE status END
WHERE id = :id;

-- name: cancel_items(job_id)$
WITH cancelled AS (
  UPDATE ingest_job_items SET status = 'cancelled', payload = NULL, finished_at = now()
  WHERE job_id = :job_id AND status = 'queued'
  RETURNING 1
)
SELECT count(*) FROM cancelled;

-- name: mark_cancelled(id, cancelled)^
UPDATE ingest_jobs
SET cancelled = cancelled + :cancelled, status = 'cancelled',
    finished_at = coalesce(finished_at, now())
WHERE id = :id
RETURNING *;

-- name: queue_jobs(job_id)
SELECT id FROM procrastinate_jobs
WHERE status = 'todo' AND task_name = 'dossier.process_items'
  AND (args ->> 'job_id')::bigint = :job_id;

-- name: queue_health(stale_seconds)^
-- How long the oldest runnable queue job has waited, and the workers that are alive.
SELECT
  (SELECT extract(epoch FROM now() - coalesce(j.scheduled_at,
            (SELECT min(at) FROM procrastinate_events e WHERE e.job_id = j.id)))::float
   FROM procrastinate_jobs j
   WHERE j.status = 'todo' AND j.queue_name = 'extraction'
     AND (j.scheduled_at IS NULL OR j.scheduled_at <= now())
   ORDER BY j.id LIMIT 1) AS oldest_waiting_seconds,
  (SELECT count(*) FROM procrastinate_workers
   WHERE last_heartbeat > now() - make_interval(secs => :stale_seconds))::int AS live_workers;
