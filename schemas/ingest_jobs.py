"""Ingest-job shapes: the batch a client posts, the job it gets back, and the list filters."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from schemas.common import PageArgsSchema, StrictSchema

STATUSES = ("queued", "running", "done", "failed", "cancelled")
MAX_BATCH = 1000


class ArticleItem(fields.Raw):
    """One article of a batch, loaded as sent: each is validated on its own when the job is
    created, so that one bad article fails alone (with its index) instead of the request.
    What is not a JSON object at all breaks the declared shape and rejects the request."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        from api.ingest_jobs import LineError

        if not isinstance(value, dict | LineError):
            raise ValidationError("Each article must be a JSON object.")
        return value


class IngestJobCreateSchema(StrictSchema):
    """A batch of articles to store, and extract, in the background."""

    class Meta(StrictSchema.Meta):
        ndjson_field = "articles"  # an NDJSON upload fills this list, one article a line

    articles = fields.List(
        ArticleItem(metadata={
            "type": "object",
            "description": "An article as `POST /v1/articles` takes it (`title`, `body`, "
            "`url`, `source`, `authors`, `language`, `published_at`, `metadata` or "
            "`extract`); `extract` defaults to true unless `metadata` is given.",
        }),
        required=True,
        validate=validate.Length(min=1, max=MAX_BATCH),
        metadata={"description": f"1 to {MAX_BATCH} articles. Or send the body as "
                  "`application/x-ndjson`, one article per line, up to the body size limit.",
                  "example": [{"title": "Summit in Moscow",
                               "body": "Vladimir Putin met Kim Jong Un in Moscow."}]},
    )


class IngestJobCountsSchema(StrictSchema):
    """How many items of a job ended which way."""

    total = fields.Integer(required=True)
    stored = fields.Integer(required=True, metadata={"description": "Stored (re-extracted, "
                            "for a re-extraction job)."})
    skipped = fields.Integer(required=True, metadata={"description": "Already stored (same "
                             "URL or same body): nothing written."})
    failed = fields.Integer(required=True, metadata={"description": "See `errors`."})
    cancelled = fields.Integer(required=True)
    pending = fields.Integer(required=True, metadata={"description": "Not processed yet."})


class IngestJobErrorSchema(StrictSchema):
    """Why one item failed."""

    index = fields.Integer(required=True, metadata={"description": "Position in the batch "
                           "(0-based; for NDJSON, counting the non-blank lines)."})
    field = fields.String(allow_none=True, required=True,
                          metadata={"description": "The offending field, e.g. `title`."})
    message = fields.String(allow_none=True, required=True)


class IngestJobSchema(StrictSchema):
    """A batch of articles being stored and extracted by the workers."""

    id = fields.Integer(required=True, metadata={"example": 1})
    kind = fields.String(required=True, validate=validate.OneOf(("ingest", "reextract")),
                         metadata={"description": "`ingest` (a posted batch) or `reextract` "
                                   "(`dossier reextract --stale`)."})
    status = fields.String(
        required=True, validate=validate.OneOf(STATUSES),
        metadata={"description": "`queued`, `running`, `done` (every item processed, some "
                  "stored or skipped), `failed` (every item failed) or `cancelled`."},
    )
    counts = fields.Nested(IngestJobCountsSchema, required=True)
    errors = fields.List(
        fields.Nested(IngestJobErrorSchema), allow_none=True, required=True,
        metadata={"description": "Failed items, by index (null in lists)."},
    )
    extractor_version = fields.String(allow_none=True, required=True)
    created_at = fields.AwareDateTime(required=True)
    started_at = fields.AwareDateTime(allow_none=True, required=True)
    finished_at = fields.AwareDateTime(allow_none=True, required=True)
    duration_ms = fields.Float(allow_none=True, required=True,
                               metadata={"description": "From start to finish."})
    worker_warning = fields.String(
        allow_none=True, required=True,
        metadata={"description": "Set while the job waits and no worker has picked up queued "
                  "work for a while (start one with `dossier worker`)."},
    )


class IngestJobListArgsSchema(PageArgsSchema):
    """Filters of the job list (newest first)."""

    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES),
                           metadata={"description": "Only jobs with this status."})
