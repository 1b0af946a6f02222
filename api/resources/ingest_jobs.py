"""/v1/ingest-jobs: batches of articles stored, and extracted, by the workers."""

from __future__ import annotations

from flask import request, url_for
from flask.views import MethodView

from api import ingest_jobs as jobs
from api import queue
from api.blueprint import Blueprint
from api.db import connection
from api.errors import ApiError, require
from api.pagination import page
from schemas.common import page_schema
from schemas.ingest_jobs import IngestJobCreateSchema, IngestJobListArgsSchema, IngestJobSchema

blp = Blueprint("ingest-jobs", __name__, description="Ingest jobs: batches of articles "
                "stored and extracted in the background by `dossier worker` processes.")

IDEMPOTENCY_HEADER = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "description": "Any unique string (1-255 characters, e.g. a UUID): a POST retried with "
                   "the same key and body returns the job the first one created (202) "
                   "instead of a new one; the same key with another body is a 422.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}
NDJSON_BODY = {"content": {"application/x-ndjson": {"schema": {
    "type": "string", "format": "binary",
    "description": "One article (as in `articles`) per line; also accepted as "
                   "`application/jsonl`."}}}}


def with_warning(conn, *rows: dict) -> dict | None:
    """Set `worker_warning` on jobs (the queue is looked at once, if one of them waits)."""
    warning = None
    if any(row["status"] in ("queued", "running") for row in rows):
        health = jobs.queue_health(conn, queue.warn_seconds(), queue.stalled_seconds())
        warning = jobs.stalled_warning(health)
    for row in rows:
        row["worker_warning"] = warning if row["status"] in ("queued", "running") else None
    return rows[0] if rows else None


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise ApiError(422, "Invalid value for 'Idempotency-Key': 1 to 255 printable "
                       "characters.", errors={"Idempotency-Key": ["1-255 printable "
                                                                   "characters."]})
    return key


def create(items: list, kind: str = "ingest") -> tuple[dict, int, dict]:
    """Create a job (or find the one of a retried request) and answer 202 with Location."""
    key = idempotency_key()
    with connection() as conn:
        try:
            job, _created = jobs.create_job(conn, items, kind=kind, idempotency_key=key)
        except jobs.IdempotencyMismatch as error:
            raise ApiError(
                422, f"This Idempotency-Key was used for another request (job {error.job_id});"
                " use a new key for a different batch.",
                errors={"Idempotency-Key": ["Already used with a different body."]},
                headers={"Location": url_for("ingest-jobs.IngestJobItem",
                                             job_id=error.job_id)},
            ) from None
        job = with_warning(conn, job)
    location = url_for("ingest-jobs.IngestJobItem", job_id=job["id"])
    return job, 202, {"Location": location}


@blp.route("/ingest-jobs")
class IngestJobCollection(MethodView):
    @blp.arguments(IngestJobListArgsSchema, location="query")
    @blp.response(200, page_schema(IngestJobSchema))
    def get(self, args: dict):
        """List ingest jobs, newest first (without their per-item errors)."""
        limit = args.pop("limit")
        after = jobs.NEWEST_FIRST.decode(args.pop("cursor"))
        with connection(readonly=True) as conn:
            rows = jobs.list_jobs(conn, status=args["status"], after=after, limit=limit + 1)
            with_warning(conn, *rows)
        return page(rows, limit, jobs.NEWEST_FIRST)

    @blp.arguments(IngestJobCreateSchema)
    @blp.doc(parameters=[IDEMPOTENCY_HEADER], requestBody=NDJSON_BODY)
    @blp.response(202, IngestJobSchema, description="Accepted: the job, queued for the "
                  "workers; poll its Location.")
    def post(self, body: dict):
        """Queue a batch of articles to store and extract (JSON or an NDJSON upload).

        Each article is validated as `POST /v1/articles` validates it; one that is invalid
        fails on its own (see `errors`) and the others go on. Articles already stored (same
        URL or same body) are skipped.
        """
        return create(body["articles"])


@blp.route("/ingest-jobs/<int:job_id>")
class IngestJobItem(MethodView):
    @blp.response(200, IngestJobSchema)
    def get(self, job_id: int):
        """Get a job: status, counts, per-item errors, timestamps, extractor version."""
        with connection(readonly=True) as conn:
            job = require(jobs.get_job(conn, job_id), "ingest job", job_id)
            return with_warning(conn, job)

    @blp.response(200, IngestJobSchema, description="The job, cancelled.")
    @blp.alt_response(409, response="CONFLICT", description="The job already finished.")
    def delete(self, job_id: int):
        """Cancel what has not run of a job (items being stored right now still finish)."""
        with connection() as conn:
            job = require(jobs.cancel_job(conn, job_id), "ingest job", job_id)
            if job["status"] in ("done", "failed"):
                raise ApiError(409, f"Ingest job {job_id} already finished ({job['status']}); "
                               "there is nothing left to cancel.")
            job["worker_warning"] = None
        return job
