"""/v1/articles: news articles, the documents all other metadata points into."""

from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, jsonify, request, url_for
from flask.views import MethodView
from psycopg import errors as pg_errors

from api import fulltext
from api.blueprint import Blueprint, collection_version, record_version
from api.data import articles as data
from api.data import financial_figures, mentions, quotes
from api.db import connection
from api.errors import ApiError, invalid, require
from api.extraction import budget
from api.ingest import (
    MetadataError,
    extract_metadata,
    fit_spans,
    replace_extracted,
    store_article,
)
from api.pagination import paged_list
from api.resources.ingest_jobs import create as create_ingest_job
from schemas.articles import (
    ArticleCreateSchema,
    ArticleDetailSchema,
    ArticleIncludeArgsSchema,
    ArticleListArgsSchema,
    ArticleListItemSchema,
    ArticleSchema,
)
from schemas.common import page_schema
from schemas.ingest_jobs import IngestJobSchema

blp = Blueprint("articles", __name__, description="News articles.")

article_create_schema = ArticleCreateSchema()
# How each `include` expansion is read: the data-access function of its own resource.
EXPANSIONS = {
    "people": mentions.people_for_article,
    "organizations": mentions.organizations_for_article,
    "quotes": quotes.list_for_article,
    "financial_figures": financial_figures.list_for_article,
}
article_update_schema = ArticleSchema(partial=True)


def extract_in_background(body_chars: int) -> bool:
    """Whether `extract: true` goes to a worker: DOSSIER_EXTRACT_MODE `async` always, `sync`
    never, `auto` (the default) above DOSSIER_SYNC_EXTRACT_MAX_CHARS characters."""
    mode = current_app.config["EXTRACT_MODE"]
    if mode == "async":
        return True
    return mode == "auto" and body_chars > current_app.config["SYNC_EXTRACT_MAX_CHARS"]
def article_version(row: dict, include: list[str] | tuple = ()) -> list:
    """The version of an article's representation (see api/blueprint.py): its own, its
    counts, and each embedded list's."""
    counts = [row[f"{name}_count"] for name in EXPANSIONS]
    return record_version(row, counts,
                          [[name, collection_version(row[name])] for name in sorted(include)])


def _invalid(error: MetadataError, prefix: str = "") -> ApiError:
    return invalid(f"{prefix}{error.field}", error.message)


def _conflict(conn, url: str | None) -> ApiError:
    existing = data.find_by_url(conn, data.canonical_url(url)) if url else None
    detail = "An article with this url already exists"
    detail += f" (id {existing})." if existing else "."
    headers = (
        {"Location": url_for("articles.ArticleItem", article_id=existing)} if existing else None
    )
    return ApiError(409, detail, headers=headers)


def _needs_extraction(current: dict, changes: dict) -> bool:
    """An extracted article whose body changes is extracted again."""
    new_body = changes.get("body", current["body"])
    return bool(current["extractor_version"]) and new_body != current["body"]


def _extraction_inputs(current: dict, changes: dict) -> tuple:
    return (changes.get("body"), changes.get("language", current["language"]))


def _extract(body: str, language: str) -> tuple[dict, str]:
    """Extract metadata from an article body within the configured CPU budget (422 naming
    `body` past it, or for a text that cannot be extracted from)."""
    try:
        with budget.limit():
            return extract_metadata(body, language)
    except MetadataError as error:
        raise _invalid(error) from None


@blp.route("/articles")
class ArticleCollection(MethodView):
    @blp.arguments(ArticleListArgsSchema, location="query")
    @blp.response(200, page_schema(ArticleListItemSchema, "ArticlePageSchema"))
    def get(self, args: dict):
        """List articles, newest first, with full-text search and filters.

        List rows carry no `body` (a page of 20 articles would be mostly their text);
        `include=body` adds it, `GET /v1/articles/{id}` always has it.
        """
        with_body = "body" in args.pop("include")
        return paged_list(data.LISTING, args, schema=ArticleListItemSchema,
                          fixed={"with_body": with_body},
                          check=fulltext.terms_check(args.get("q")))

    @blp.arguments(article_create_schema)
    @blp.response(201, ArticleSchema)
    @blp.alt_response(202, schema=IngestJobSchema, description="Accepted: extraction runs on "
                      "a worker (a body over the sync extraction size, or the server set to "
                      "`DOSSIER_EXTRACT_MODE=async`); Location is the ingest job.")
    @blp.alt_response(409, response="CONFLICT", description="An article with this url exists.")
    def post(self, body: dict):
        """Create an article, with its metadata or extracting it (409 if its url exists).

        With `extract: true`, a body of up to `DOSSIER_SYNC_EXTRACT_MAX_CHARS` characters
        (20,000 by default) is extracted in this request (201); a longer one, or any when the
        server runs with `DOSSIER_EXTRACT_MODE=async`, becomes an ingest job of one article
        (202, Location of the job), so that web processes never run long extractions.
        """
        extract, metadata = body.pop("extract"), body.pop("metadata")
        if extract and metadata:
            raise invalid("extract", "send either 'metadata' or 'extract: true', not both.")
        source, version = "manual", None
        if extract and extract_in_background(len(body["body"])):
            with connection(readonly=True) as conn:
                if body.get("url") and data.find_by_url(conn, data.canonical_url(body["url"])):
                    raise _conflict(conn, body.get("url"))
            job, status, headers = create_ingest_job([request.get_json()])
            # Not an article: serialized here, past the 201 response schema.
            response = jsonify(IngestJobSchema().dump(job))
            response.status_code = status
            response.headers.update(headers)
            return response
        if extract:
            metadata, version = _extract(body["body"], body["language"])
            source = "extracted"
        with connection() as conn:
            try:
                with conn.transaction():
                    article_id = store_article(
                        conn, body, metadata, source=source, extractor_version=version
                    )
            except pg_errors.UniqueViolation:
                raise _conflict(conn, body.get("url")) from None
            except MetadataError as error:
                raise _invalid(error, "metadata.") from None
            row = data.get_article(conn, article_id)
        location = url_for("articles.ArticleItem", article_id=article_id)
        return row, 201, {"Location": location}


@blp.route("/articles/<int:article_id>")
class ArticleItem(MethodView):
    @blp.etag
    @blp.arguments(ArticleIncludeArgsSchema, location="query")
    @blp.response(200, ArticleDetailSchema)
    def get(self, args: dict, article_id: int):
        """Get an article, with `include=` its people, organizations, quotes or figures."""
        # One snapshot for the article and its expansions (a read is in autocommit).
        with connection(readonly=True) as conn, \
                (conn.transaction() if args["include"] else nullcontext()):
            row = require(data.get_article(conn, article_id), "article", article_id)
            for name in args["include"]:
                row[name] = EXPANSIONS[name](conn, article_id)
        blp.set_etag(article_version(row, args["include"]))
        return row

    @blp.etag
    @blp.arguments(article_update_schema)
    @blp.response(200, ArticleSchema)
    def patch(self, changes: dict, article_id: int):
        """Update some fields of an article (If-Match: 412 on a stale ETag).

        When the body of an article whose metadata was extracted changes, the extracted
        metadata is recomputed (within the extraction CPU budget: 422 naming `body` past it)
        and replaced in the same transaction as the update; metadata entered by hand is kept.
        A new body must still hold every span entered by hand: one that ends past it is a
        422 naming `body` and each such record (correct or delete them first); mentions
        matched by name past its end are dropped.
        """
        with connection(readonly=True) as conn:
            seen = require(data.get_article(conn, article_id), "article", article_id)
        blp.check_etag(article_version(seen))
        # Extract before taking the row lock: other writers of this article wait only for
        # the short transaction below, not for the extractor.
        extracted = None
        if _needs_extraction(seen, changes):
            extracted = _extract(changes["body"], changes.get("language", seen["language"]))
        with connection() as conn:
            current = require(data.get_article(conn, article_id, lock=True), "article", article_id)
            blp.check_etag(article_version(current))
            reextract = _needs_extraction(current, changes)
            if reextract and (extracted is None or _extraction_inputs(current, changes)
                              != _extraction_inputs(seen, changes)):
                # changed in between (rare): extract again, this time under the lock
                extracted = _extract(changes["body"],
                                     changes.get("language", current["language"]))
            try:
                with conn.transaction():
                    data.update_article(conn, current, changes)
                    if changes.get("body", current["body"]) != current["body"]:
                        fit_spans(conn, article_id, changes["body"])
                    if reextract:
                        metadata, version = extracted
                        replace_extracted(conn, article_id, changes["body"], metadata, version)
            except pg_errors.UniqueViolation:
                raise _conflict(conn, changes.get("url")) from None
            except MetadataError as error:
                raise _invalid(error) from None
            row = data.get_article(conn, article_id)
        blp.set_etag(article_version(row))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, article_id: int):
        """Delete an article with all its mentions, quotes and figures."""
        with connection() as conn:
            current = require(data.get_article(conn, article_id, lock=True), "article", article_id)
            blp.check_etag(article_version(current))
            data.delete_article(conn, article_id)
