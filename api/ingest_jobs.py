"""Ingest jobs: batches of articles stored, and extracted, by worker processes.

A job is a row in `ingest_jobs` with one `ingest_job_items` row per article. Creating a job
validates every article the way `POST /v1/articles` does (an invalid one fails at once, with
its index, field and message), stores the valid ones and puts queue jobs on the task queue
(`api.queue`) in the same transaction, each for a range of `CHUNK_SIZE` items.

A worker processes an item in two steps: it extracts outside any transaction (the CPU-heavy
part), then, in one transaction, locks the item, checks that it is still queued and its job
not cancelled, stores the article, marks the item and counts it on the job. So an item the
queue delivers twice (at-least-once delivery: a worker killed mid-range, a retry after a
database error) is stored once: the second delivery finds it done and does nothing. Storing
is also idempotent by URL and body (as `dossier ingest`): an article already in the database
is a skip, not a duplicate.

Final status: `done` when every item was processed and at least one stored or skipped,
`failed` when every item failed, `cancelled` once `DELETE` cancelled what had not run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from marshmallow import ValidationError
from psycopg import Connection
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb

from api.data import articles as article_data
from api.pagination import Key, Listing, Sort, int64
from api.queries import load

queries = load("ingest_jobs")
NEWEST_FIRST = Sort("-id", "list_jobs", (Key("id", "after_id", int64),))
LISTING = Listing(queries, filters=("status",), sorts=(NEWEST_FIRST,))
log = logging.getLogger("api.jobs")

MAX_BATCH = 1000  # articles in one JSON body
MAX_NDJSON_LINES = 100_000  # lines in one NDJSON upload (the body limit usually comes first)
CHUNK_SIZE = 5  # items per queue job: small enough to share a batch between workers
FINAL = ("done", "failed", "cancelled")
WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"  # spawned workers import this anew


class IdempotencyMismatch(Exception):
    """The Idempotency-Key was used before for a different request body."""

    def __init__(self, job_id: int) -> None:
        super().__init__(job_id)
        self.job_id = job_id


class WorkerStopping(Exception):
    """Raised between items when the worker was asked to stop; the queue re-runs the range
    at once on another worker (the items done so far are skipped there)."""


@dataclass
class LineError:
    """An NDJSON line that is not a JSON document."""

    message: str


@dataclass
class Prepared:
    """One item as it will be stored: the payload, or why it failed validation."""

    payload: dict | None
    field: str | None = None
    message: str | None = None


def _first_error(messages: Any, prefix: str = "") -> tuple[str, str]:
    from api.errors import _flatten

    flat = _flatten(messages)
    field, texts = next(iter(flat.items()))
    return (f"{prefix}{field}" if field != "_schema" else prefix.rstrip(".") or "_schema",
            " ".join(texts))


def article_schema():
    """The schema `POST /v1/articles` loads its body with (strict JSON integers)."""
    from api.blueprint import request_body_schema
    from schemas.articles import ArticleCreateSchema

    return request_body_schema(ArticleCreateSchema)


def prepare(raw: Any, schema=None) -> Prepared:
    """Validate one article of a batch; `extract` defaults to true unless it has metadata."""
    if isinstance(raw, LineError):
        return Prepared(None, "_line", raw.message)
    if not isinstance(raw, dict):
        return Prepared(None, "_schema", "An article must be a JSON object.")
    payload = dict(raw)
    payload.setdefault("extract", not payload.get("metadata"))
    try:
        values = (schema or article_schema()).load(payload)
    except ValidationError as error:
        field, message = _first_error(error.messages)
        return Prepared(None, field, message)
    if values["extract"] and values["metadata"]:
        return Prepared(None, "extract", "Not allowed together with 'metadata'.")
    return Prepared(payload)


def request_hash(items: Sequence[Any]) -> str:
    """A digest of a batch, to tell a retried POST from a different one with the same key."""
    def default(value: Any) -> Any:
        return {"_line_error": value.message} if isinstance(value, LineError) else str(value)

    raw = json.dumps(list(items), sort_keys=True, separators=(",", ":"), default=default)
    return hashlib.sha256(raw.encode()).hexdigest()


def create_job(conn: Connection, items: Sequence[Any], *, kind: str = "ingest",
               idempotency_key: str | None = None) -> tuple[dict, bool]:
    """Store a job with its items and queue them (the caller owns the transaction).

    Returns (job, created); a known `idempotency_key` with the same items returns the
    existing job and False, with other items raises IdempotencyMismatch.
    """
    from api import extraction, queue

    digest = request_hash(items) if idempotency_key else None
    row = queries.insert_job(conn, kind=kind, total=len(items), idempotency_key=idempotency_key,
                             request_hash=digest, extractor_version=extraction.EXTRACTOR_VERSION)
    if row is None:
        existing = queries.find_job_by_idempotency_key(conn, idempotency_key=idempotency_key)
        if existing["request_hash"] != digest:
            raise IdempotencyMismatch(existing["id"])
        return get_job(conn, existing["id"]), False
    job_id = row["id"]
    schema = article_schema() if kind == "ingest" else None
    prepared = [prepare(raw, schema) if kind == "ingest" else Prepared(raw) for raw in items]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO ingest_job_items (job_id, item_index, status, payload, error_field,"
            " error_message, finished_at) VALUES (%s, %s, %s, %s, %s, %s,"
            " CASE WHEN %s THEN now() END)",
            [(job_id, index, "queued" if p.payload is not None else "failed",
              Jsonb(p.payload) if p.payload is not None else None, p.field, p.message,
              p.payload is None)
             for index, p in enumerate(prepared)],
        )
    invalid = sum(p.payload is None for p in prepared)
    if invalid:
        conn.execute(
            "UPDATE ingest_jobs SET failed = %s, status = CASE WHEN %s THEN 'failed' ELSE status"
            " END, finished_at = CASE WHEN %s THEN now() END WHERE id = %s",
            (invalid, invalid == len(items), invalid == len(items), job_id),
        )
    valid = [i for i, p in enumerate(prepared) if p.payload is not None]
    ranges = chunk_ranges(valid, CHUNK_SIZE)
    if ranges:
        queue.process_items.configure(connection=conn).batch_defer(
            *({"job_id": job_id, "first": first, "last": last} for first, last in ranges)
        )
    return get_job(conn, job_id), True


def chunk_ranges(indexes: Sequence[int], size: int) -> list[tuple[int, int]]:
    """Half-open index ranges covering `indexes` (sorted), at most `size` of them in each."""
    return [(indexes[i], indexes[min(i + size, len(indexes)) - 1] + 1)
            for i in range(0, len(indexes), size)]


def get_job(conn: Connection, job_id: int) -> dict | None:
    """A job with its counts and per-item errors, as the API shows it."""
    row = queries.get_job(conn, id=job_id)
    return present(conn, row) if row else None


def present(conn: Connection, row: dict, *, errors: bool = True) -> dict:
    job = dict(row)
    job["counts"] = {
        "total": row["total"], "stored": row["stored"], "skipped": row["skipped"],
        "failed": row["failed"], "cancelled": row["cancelled"],
        "pending": row["total"] - row["stored"] - row["skipped"] - row["failed"]
        - row["cancelled"],
    }
    job["errors"] = list(queries.job_errors(conn, job_id=row["id"])) if errors else None
    end = row["finished_at"]
    job["duration_ms"] = (
        round((end - row["started_at"]).total_seconds() * 1000, 1)
        if end and row["started_at"] else None
    )
    return job


def list_jobs(conn: Connection, *, status: str | None, after: list | None,
              limit: int) -> list[dict]:
    """Jobs newest first after the keyset `after` (without per-item errors)."""
    rows = LISTING.fetch(conn, NEWEST_FIRST, {"status": status}, after=after, limit=limit)
    return [present(conn, row, errors=False) for row in rows]


def cancel_job(conn: Connection, job_id: int) -> dict | None:
    """Cancel the items of a job that have not run; None when there is no such job.

    A job already `done` or `failed` is returned unchanged (the caller answers 409)."""
    from api import queue

    row = queries.lock_job(conn, id=job_id)
    if row is None:
        return None
    if row["status"] in FINAL:
        return present(conn, row)
    for queued in queries.queue_jobs(conn, job_id=job_id):
        queue.app.job_manager.cancel_job_by_id(queued["id"], connection=conn)
    count = queries.cancel_items(conn, job_id=job_id)
    row = queries.mark_cancelled(conn, id=job_id, cancelled=count)
    log.info({"event": "ingest_job_cancelled", "job_id": job_id, "cancelled_items": count})
    return present(conn, row)


# --- Workers -------------------------------------------------------------------------------


@dataclass
class Outcome:
    status: str  # stored, skipped or failed
    article_id: int | None = None
    field: str | None = None
    message: str | None = None
    version: str | None = None


def process_range(pool, job_id: int, first: int, last: int,
                  stopping: threading.Event | None = None) -> int:
    """Process the queued items of `job_id` in [first, last); return how many this call did.

    Raises WorkerStopping between items once `stopping` is set.
    """
    with pool.connection() as conn:
        items = [i for i in queries.peek_items(conn, job_id=job_id, first=first, last=last)
                 if i["status"] == "queued"]
        job = queries.get_job(conn, id=job_id)
        if job is None or job["status"] == "cancelled":
            return 0
        if items:
            queries.mark_started(conn, id=job_id)
    done = 0
    for item in items:
        if stopping is not None and stopping.is_set():
            raise WorkerStopping(f"job {job_id}: stopping before item {item['item_index']}")
        if process_item(pool, job_id, item["item_index"], item["payload"], job["kind"]):
            done += 1
    return done


def process_item(pool, job_id: int, index: int, payload: dict, kind: str) -> bool:
    """Extract and store one item; False when it was already done or its job cancelled."""
    started = time.perf_counter()
    outcome = _prepare_outcome(pool, payload, kind)
    with pool.connection() as conn:
        locked = queries.lock_item(conn, job_id=job_id, item_index=index)
        if locked is None or locked["status"] != "queued" or locked["job_status"] == "cancelled":
            return False
        if outcome is None:
            outcome = _store(conn, payload, kind)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        queries.finish_item(conn, job_id=job_id, item_index=index, status=outcome.status,
                            article_id=outcome.article_id, error_field=outcome.field,
                            error_message=outcome.message, duration_ms=duration_ms,
                            worker=WORKER_NAME)
        job = queries.count_item(
            conn, id=job_id, stored=int(outcome.status == "stored"),
            skipped=int(outcome.status == "skipped"), failed=int(outcome.status == "failed"),
            extractor_version=outcome.version,
        )
    log.info({"event": "ingest_item", "job_id": job_id, "index": index,
              "status": outcome.status, "duration_ms": duration_ms})
    if job["finished_at"] is not None and job["status"] != "cancelled":
        log.info({"event": "ingest_job_finished", "job_id": job_id, "status": job["status"],
                  "total": job["total"], "stored": job["stored"], "skipped": job["skipped"],
                  "failed": job["failed"],
                  "duration_ms": round((job["finished_at"] - (job["started_at"] or
                                        job["created_at"])).total_seconds() * 1000, 1),
                  "queued_ms": round(((job["started_at"] or job["created_at"])
                                      - job["created_at"]).total_seconds() * 1000, 1)})
    return True


def _prepare_outcome(pool, payload: dict, kind: str) -> Outcome | None:
    """The CPU-heavy part, outside any transaction: a skip for an article already stored,
    a failure for bad input, or None after extracting (the result waits in `payload`)."""
    from api.ingest import MetadataError, extract_metadata

    if kind == "reextract":
        with pool.connection() as conn:
            row = article_data.get_article(conn, payload["article_id"])
        if row is None:
            return Outcome("skipped")
        body, language = row["body"], row["language"]
    else:
        try:
            values = article_schema().load(payload)
        except ValidationError as error:
            field, message = _first_error(error.messages)
            return Outcome("failed", field=field, message=message)
        with pool.connection() as conn:
            existing = article_data.find_existing(
                conn, article_data.canonical_url(values.get("url")), values["body"])
        if existing is not None:
            return Outcome("skipped", existing)
        if not values["extract"]:
            return None
        body, language = values["body"], values["language"]
    try:
        payload["_extracted"] = extract_metadata(body, language)
    except MetadataError as error:
        return Outcome("failed", field=error.field, message=error.message)
    return None


def _store(conn: Connection, payload: dict, kind: str) -> Outcome:
    """Store what `_prepare_outcome` extracted, in the item's transaction."""
    from api.ingest import MetadataError, replace_extracted, store_article

    metadata, version = payload.pop("_extracted", (None, None))
    if kind == "reextract":
        row = article_data.get_article(conn, payload["article_id"], lock=True)
        if row is None:
            return Outcome("skipped")
        replace_extracted(conn, row["id"], row["body"], metadata, version)
        return Outcome("stored", row["id"], version=version)
    values = article_schema().load({k: v for k, v in payload.items() if k != "_extracted"})
    extract, manual = values.pop("extract"), values.pop("metadata")
    # One writer at a time per body, so that two workers never both store the same text.
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(md5(%s), 0))",
                 (values["body"],))
    existing = article_data.find_existing(
        conn, article_data.canonical_url(values.get("url")), values["body"])
    if existing is not None:
        return Outcome("skipped", existing)
    try:
        with conn.transaction():
            article_id = store_article(
                conn, values, metadata if extract else manual,
                source="extracted" if extract else "manual",
                extractor_version=version if extract else None,
            )
    except pg_errors.UniqueViolation:
        return Outcome("skipped", article_data.find_by_url(
            conn, article_data.canonical_url(values.get("url"))) if values.get("url") else None)
    except MetadataError as error:
        return Outcome("failed", field=f"metadata.{error.field}" if not extract else error.field,
                       message=error.message)
    except (psycopg.DataError, pg_errors.IntegrityError) as error:
        return Outcome("failed", field="_schema", message=str(error).splitlines()[0])
    return Outcome("stored", article_id, version=version if extract else None)


# --- Queue health --------------------------------------------------------------------------


def queue_health(conn: Connection, warn_after_seconds: float,
                 stale_seconds: float) -> dict:
    """`{"status": "ok"|"stalled", "oldest_waiting_seconds", "live_workers"}`: `stalled`
    when a runnable queue job has waited longer than `warn_after_seconds`."""
    row = queries.queue_health(conn, stale_seconds=stale_seconds)
    waiting = row["oldest_waiting_seconds"]
    stalled = waiting is not None and waiting > warn_after_seconds
    return {"status": "stalled" if stalled else "ok",
            "oldest_waiting_seconds": round(waiting, 1) if waiting is not None else None,
            "live_workers": row["live_workers"]}


def stalled_warning(health: dict) -> str | None:
    if health["status"] != "stalled":
        return None
    return (f"No worker has picked up queued work for {health['oldest_waiting_seconds']:.0f} s "
            f"({health['live_workers']} live worker(s)); start one with `dossier worker`.")


def enqueue_articles(conn: Connection, records: Iterable[dict]) -> list[int]:
    """Queue articles as jobs of at most MAX_BATCH each; return the job ids."""
    ids: list[int] = []
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) == MAX_BATCH:
            ids.append(create_job(conn, batch)[0]["id"])
            batch = []
    if batch:
        ids.append(create_job(conn, batch)[0]["id"])
    return ids
