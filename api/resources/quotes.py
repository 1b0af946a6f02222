"""/v1/quotes: who said what in which article, with the span it was found at.

Also the sub-resources `/v1/articles/{id}/quotes` and `/v1/people/{id}/quotes`.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from flask.views import MethodView
from psycopg import Connection

from api import fulltext
from api.blueprint import Blueprint, record_version
from api.data import quotes as data
from api.db import connection
from api.embeds import embed, versions
from api.errors import invalid, not_found, require
from api.pagination import paged_list
from schemas.common import page_schema
from schemas.embedded import QuoteIncludeArgsSchema
from schemas.quotes import QuoteFilterArgsSchema, QuoteListArgsSchema, QuoteSchema

blp = Blueprint("quotes", __name__, description="Quotes: who said what, and where in the text.")

quote_create_schema = QuoteSchema()
quote_update_schema = QuoteSchema(partial=True, exclude=("article_id",))


def check_span(quote: dict, body_length: int | None) -> None:
    """`start` and `end` go together and lie within the body: 0 <= start < end <= length."""
    start, end = quote.get("start"), quote.get("end")
    if start is None and end is None:
        return
    if start is None or end is None:
        field = "start" if start is None else "end"
        raise invalid(field, "start and end go together: set both or neither.")
    if start >= end:
        raise invalid("end", f"must be greater than start ({start}).")
    if body_length is not None and end > body_length:
        raise invalid(
            "end", f"must be at most the article body's length ({body_length} code points)."
        )


def check_quote(conn: Connection, quote: dict, changed: Iterable[str]) -> None:
    """Check the references and span of `quote` (the merged record) for the `changed` fields."""
    changed = set(changed)
    body_length = data.article_body_length(conn, quote["article_id"])
    if body_length is None:
        raise invalid("article_id", f"no article with id {quote['article_id']}.")
    if quote.get("speaker_person_id") and quote.get("speaker_organization_id"):
        field = ("speaker_organization_id" if "speaker_organization_id" in changed
                 else "speaker_person_id")
        raise invalid(field, "a quote has one speaker: a person or an organization, not both.")
    person_id = quote.get("speaker_person_id")
    if "speaker_person_id" in changed and person_id and not data.person_exists(conn, person_id):
        raise invalid("speaker_person_id", f"no person with id {person_id}.")
    org_id = quote.get("speaker_organization_id")
    if ("speaker_organization_id" in changed and org_id
            and not data.organization_exists(conn, org_id)):
        raise invalid("speaker_organization_id", f"no organization with id {org_id}.")
    if changed & {"start", "end", "article_id"}:
        check_span(quote, body_length)


def list_page(args: dict, default_sort: str = "-created_at", **fixed: int):
    """One page of quotes for the validated query `args` plus the `fixed` filters."""
    def check(conn: Connection) -> None:
        if "article_id" in fixed and data.article_body_length(conn, fixed["article_id"]) is None:
            raise not_found("article", fixed["article_id"])
        if "speaker_person_id" in fixed and not data.person_exists(
            conn, fixed["speaker_person_id"]
        ):
            raise not_found("person", fixed["speaker_person_id"])
        fulltext.check_terms(conn, args.get("q"))

    return paged_list(data.LISTING, args, schema=QuoteSchema, default=default_sort,
                      fixed=fixed, check=check, embed=embed)


@blp.route("/quotes")
class QuoteCollection(MethodView):
    @blp.arguments(QuoteListArgsSchema, location="query")
    @blp.response(200, page_schema(QuoteSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    def get(self, args: dict):
        """List quotes, newest first, by speaker, article, verb, date or full text."""
        return list_page(args)

    @blp.arguments(quote_create_schema)
    @blp.response(201, QuoteSchema)
    def post(self, quote: dict):
        """Add a quote to an article (its speaker and span are checked)."""
        with connection() as conn:
            check_quote(conn, quote, quote.keys())
            quote_id = data.insert_quote(conn, {**quote, "source": "manual"})
            row = data.get_quote(conn, quote_id)
        return row, 201, {"Location": url_for("quotes.QuoteItem", quote_id=quote_id)}


@blp.route("/quotes/<int:quote_id>")
class QuoteItem(MethodView):
    @blp.etag
    @blp.arguments(QuoteIncludeArgsSchema, location="query")
    @blp.response(200, QuoteSchema)
    def get(self, args: dict, quote_id: int):
        """Get a quote, with `include=article,speaker` its article and speaker."""
        with connection(readonly=True) as conn:
            row = require(data.get_quote(conn, quote_id), "quote", quote_id)
            embed(conn, [row], args["include"])
        blp.set_etag(record_version(row, versions(row, args["include"])))
        return row

    @blp.etag
    @blp.arguments(quote_update_schema)
    @blp.response(200, QuoteSchema)
    def patch(self, changes: dict, quote_id: int):
        """Update some fields of a quote (If-Match: 412 on a stale ETag)."""
        with connection() as conn:
            current = require(data.get_quote(conn, quote_id, lock=True), "quote", quote_id)
            blp.check_etag(record_version(current, []))
            merged = {**current, **changes}
            check_quote(conn, merged, changes.keys())
            data.update_quote(conn, quote_id, merged)
            row = data.get_quote(conn, quote_id)
        blp.set_etag(record_version(row, []))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, quote_id: int):
        """Delete a quote."""
        with connection() as conn:
            current = require(data.get_quote(conn, quote_id, lock=True), "quote", quote_id)
            blp.check_etag(record_version(current, []))
            data.delete_quote(conn, quote_id)


@blp.route("/articles/<int:article_id>/quotes")
class ArticleQuotes(MethodView):
    @blp.arguments(QuoteFilterArgsSchema, location="query")
    @blp.response(200, page_schema(QuoteSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such article.")
    def get(self, args: dict, article_id: int):
        """List the quotes of an article, in order of appearance."""
        return list_page(args, "position", article_id=article_id)


@blp.route("/people/<int:person_id>/quotes")
class PersonQuotes(MethodView):
    @blp.arguments(QuoteFilterArgsSchema, location="query")
    @blp.response(200, page_schema(QuoteSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    def get(self, args: dict, person_id: int):
        """List the quotes of a person, newest first."""
        return list_page(args, speaker_person_id=person_id)
