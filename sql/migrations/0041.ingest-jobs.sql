-- Ingest jobs: batches of articles stored (and extracted) by workers, one row per item.
-- The queue's own jobs (procrastinate_jobs) carry ranges of items; what was stored, skipped
-- or failed lives here, so an item processed twice (at-least-once delivery) is a no-op.
-- depends: 0040.procrastinate-schema

CREATE TABLE ingest_jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL DEFAULT 'ingest' CHECK (kind IN ('ingest', 'reextract')),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  total integer NOT NULL CHECK (total >= 0),
  stored integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  cancelled integer NOT NULL DEFAULT 0,
  idempotency_key text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash text,
  extractor_version text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);

CREATE INDEX ingest_jobs_status_idx ON ingest_jobs (status, id);

CREATE TABLE ingest_job_items (
  job_id bigint NOT NULL REFERENCES ingest_jobs ON DELETE CASCADE,
  item_index integer NOT NULL CHECK (item_index >= 0),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'stored', 'skipped', 'failed', 'cancelled')),
  -- The article as posted (ingest) or {"article_id": n} (reextract); cleared once processed.
  payload jsonb,
  article_id bigint REFERENCES articles ON DELETE SET NULL,
  error_field text,
  error_message text,
  duration_ms real,
  worker text,  -- host:pid of the worker that processed it
  finished_at timestamptz,
  PRIMARY KEY (job_id, item_index)
);

CREATE INDEX ingest_job_items_failed_idx ON ingest_job_items (job_id, item_index)
  WHERE status = 'failed';
