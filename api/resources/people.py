"""/v1/people: people named in the news, their affiliations, articles and connections."""

from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from psycopg import errors as pg_errors

from api.blueprint import Blueprint
from api.data import affiliations, keysets
from api.data import people as data
from api.db import connection
from api.errors import ApiError, not_found
from api.pagination import decode_cursor, page
from schemas.affiliations import AffiliationSchema
from schemas.common import PageArgsSchema, page_schema
from schemas.connections import (
    CoMentionSchema,
    EntityArticleSchema,
    MergeSchema,
    TimelineArgsSchema,
    TimelineSchema,
)
from schemas.people import PersonListArgsSchema, PersonSchema

blp = Blueprint("people", __name__, description="People named in articles.")

person_update_schema = PersonSchema(partial=True)


def list_sort(args: dict) -> str:
    """The sort of a people or organization list: `relevance` needs `q`, and is its default."""
    sort = args.pop("sort") or ("relevance" if args.get("q") else "name")
    if sort == "relevance" and not args.get("q"):
        raise ApiError(400, "Invalid value for 'sort': 'relevance' needs the 'q' parameter.",
                       errors={"sort": ["'relevance' needs 'q'."]})
    return sort


def require(row: dict | None, kind: str, id_: int) -> dict:
    if row is None:
        raise not_found(kind, id_)
    return row


def paged(fetch, args: dict, sort: str):
    """Run `fetch(limit=, after=)` for one page of a related list and build the envelope."""
    limit = args["limit"]
    after = decode_cursor(args["cursor"], sort, keysets.parse_key(sort))
    rows = fetch(limit=limit + 1, after=after)
    return page(rows, limit, sort, lambda row: keysets.sort_key(sort, row))


def merge_check(survivor_id: int, duplicate_id: int, duplicate: dict | None) -> None:
    """The duplicate must exist (422: it is named in the body) and differ from the survivor."""
    if survivor_id == duplicate_id:
        raise ApiError(422, "Invalid value for 'duplicate_id': a record cannot merge with "
                       "itself.", errors={"duplicate_id": ["Must differ from the id in the URL."]})
    if duplicate is None:
        raise ApiError(422, f"Invalid value for 'duplicate_id': no record {duplicate_id}.",
                       errors={"duplicate_id": ["Must be an existing record."]})


@blp.route("/people")
class PersonCollection(MethodView):
    @blp.arguments(PersonListArgsSchema, location="query")
    @blp.response(200, page_schema(PersonSchema))
    def get(self, args: dict):
        """List people, alphabetically or by name search (typos and accents tolerated)."""
        sort = list_sort(args)
        limit = args.pop("limit")
        after = decode_cursor(args.pop("cursor"), sort, keysets.parse_key(sort))
        with connection(readonly=True) as conn:
            rows = data.list_people(conn, sort=sort, limit=limit + 1, after=after, **args)
        return page(rows, limit, sort, lambda row: keysets.sort_key(sort, row))

    @blp.arguments(PersonSchema)
    @blp.response(201, PersonSchema)
    def post(self, body: dict):
        """Create a person."""
        with connection() as conn:
            person_id = data.insert_person(conn, body)
            row = data.get_person(conn, person_id)
        return row, 201, {"Location": url_for("people.PersonItem", person_id=person_id)}


@blp.route("/people/<int:person_id>")
class PersonItem(MethodView):
    @blp.etag
    @blp.response(200, PersonSchema)
    def get(self, person_id: int):
        """Get a person."""
        with connection(readonly=True) as conn:
            row = require(data.get_person(conn, person_id), "person", person_id)
        blp.set_etag(row, PersonSchema)
        return row

    @blp.etag
    @blp.arguments(person_update_schema)
    @blp.response(200, PersonSchema)
    def patch(self, changes: dict, person_id: int):
        """Update some fields of a person (If-Match: 412 on a stale ETag)."""
        with connection() as conn:
            current = require(data.get_person(conn, person_id, lock=True), "person", person_id)
            blp.check_etag(current, PersonSchema)
            data.update_person(conn, current, changes)
            return data.get_person(conn, person_id)

    @blp.etag
    @blp.response(204)
    def delete(self, person_id: int):
        """Delete a person with their mentions and affiliations (their quotes stay, unlinked)."""
        with connection() as conn:
            current = require(data.get_person(conn, person_id, lock=True), "person", person_id)
            blp.check_etag(current, PersonSchema)
            data.delete_person(conn, person_id)


@blp.route("/people/<int:person_id>/merge")
class PersonMerge(MethodView):
    @blp.arguments(MergeSchema)
    @blp.response(200, PersonSchema)
    def post(self, body: dict, person_id: int):
        """Merge a duplicate into this person: aliases, mentions, quotes, affiliations move."""
        duplicate_id = body["duplicate_id"]
        with connection() as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            merge_check(person_id, duplicate_id, data.get_person(conn, duplicate_id))
            data.merge(conn, person_id, duplicate_id)
            return data.get_person(conn, person_id)


@blp.route("/people/<int:person_id>/affiliations")
class PersonAffiliations(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(AffiliationSchema))
    def get(self, args: dict, person_id: int):
        """List a person's affiliations (organization, role, source article)."""
        with connection(readonly=True) as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            return paged(lambda **kw: data.list_affiliations(conn, person_id, **kw), args, "id")

    @blp.arguments(AffiliationSchema)
    @blp.response(201, AffiliationSchema)
    @blp.alt_response(409, response="CONFLICT", description="The affiliation exists.")
    def post(self, body: dict, person_id: int):
        """Add an affiliation of this person to an organization."""
        with connection() as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            try:
                with conn.transaction():
                    row = affiliations.create_affiliation(
                        conn, person_id, body["organization_id"], body["role"],
                        body["article_id"])
            except pg_errors.UniqueViolation:
                raise ApiError(409, "This affiliation already exists.") from None
            except pg_errors.ForeignKeyViolation:
                raise ApiError(
                    422, "Invalid value: 'organization_id' or 'article_id' does not exist.",
                    errors={"organization_id": ["Must be an existing organization."],
                            "article_id": ["Must be an existing article or null."]},
                ) from None
        return row, 201


@blp.route("/people/<int:person_id>/articles")
class PersonArticles(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(EntityArticleSchema))
    def get(self, args: dict, person_id: int):
        """List the articles that mention a person, newest first."""
        with connection(readonly=True) as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            return paged(lambda **kw: data.list_articles(conn, person_id, **kw), args,
                         "-published_at")


@blp.route("/people/<int:person_id>/co-mentions")
class PersonCoMentions(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(CoMentionSchema))
    def get(self, args: dict, person_id: int):
        """List who appears in the same articles as a person, most frequent first."""
        with connection(readonly=True) as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            return paged(lambda **kw: data.co_mentions(conn, person_id, **kw), args,
                         "articles")


@blp.route("/people/<int:person_id>/timeline")
class PersonTimeline(MethodView):
    @blp.arguments(TimelineArgsSchema, location="query")
    @blp.response(200, TimelineSchema)
    def get(self, args: dict, person_id: int):
        """Count a person's mentions, quotes and articles per day, week or month."""
        with connection(readonly=True) as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            points = data.timeline(conn, person_id, **args)
        return {"interval": args["interval"], "data": points}
