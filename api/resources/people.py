"""/v1/people: people named in the news, their affiliations, articles and connections.

Lists are keyset-paginated. The related lists (`/affiliations`, `/articles`, `/co-mentions`)
are paginated too; `/timeline` is not (one row per period with activity). The helpers here
are shared with /v1/organizations, whose endpoints have the same shapes.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for
from flask.views import MethodView
from psycopg import Connection
from psycopg import errors as pg_errors

from api.blueprint import Blueprint, record_version
from api.data import affiliations
from api.data import people as data
from api.db import connection
from api.errors import ApiError, invalid, not_found, require
from api.pagination import paged_list
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

person_create_schema = PersonSchema()
person_update_schema = PersonSchema(partial=True)

# Foreign keys of `affiliations` and the request field each one checks.
AFFILIATION_REFERENCES = {
    "affiliations_organization_id_fkey": ("organization_id", "organization"),
    "affiliations_article_id_fkey": ("article_id", "article"),
}


def person_check(person_id: int) -> Callable[[Connection], None]:
    """A 404 unless the person exists (run before one of their lists is read)."""
    def check(conn: Connection) -> None:
        require(data.get_person(conn, person_id), "person", person_id)
    return check


def merge_into(conn: Connection, kind: str, survivor_id: int, duplicate_id: int,
               lock_pair: Callable[..., set[int]], merge: Callable[..., None]) -> None:
    """Lock both records, check them and merge: 404 when the record in the URL is missing,
    422 naming `duplicate_id` when that one is missing (it is named in the body) or the same.

    Merging can push the survivor past the database's limit of 100 aliases: that is a 422
    naming `duplicate_id`, and nothing changes.
    """
    if survivor_id == duplicate_id:
        raise invalid("duplicate_id", "a record cannot be merged into itself.")
    found = lock_pair(conn, survivor_id, duplicate_id)
    if survivor_id not in found:
        raise not_found(kind, survivor_id)
    if duplicate_id not in found:
        raise invalid("duplicate_id", f"no {kind} {duplicate_id}.")
    try:
        with conn.transaction():
            merge(conn, survivor_id, duplicate_id)
    except pg_errors.CheckViolation:
        raise invalid("duplicate_id", "the merged record would have more than 100 "
                      "aliases.") from None


@blp.route("/people")
class PersonCollection(MethodView):
    @blp.arguments(PersonListArgsSchema, location="query")
    @blp.response(200, page_schema(PersonSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    def get(self, args: dict):
        """List people by name, or search names and aliases (typos and accents tolerated)."""
        return paged_list(data.LISTING, args, schema=PersonSchema)

    @blp.arguments(person_create_schema)
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
        blp.set_etag(record_version(row))
        return row

    @blp.etag
    @blp.arguments(person_update_schema)
    @blp.response(200, PersonSchema)
    def patch(self, changes: dict, person_id: int):
        """Update some fields of a person (If-Match: 412 on a stale ETag)."""
        with connection() as conn:
            current = require(data.get_person(conn, person_id, lock=True), "person", person_id)
            blp.check_etag(record_version(current))
            data.update_person(conn, current, changes)
            row = data.get_person(conn, person_id)
        blp.set_etag(record_version(row))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, person_id: int):
        """Delete a person with their mentions and affiliations (their quotes stay, unlinked)."""
        with connection() as conn:
            current = require(data.get_person(conn, person_id, lock=True), "person", person_id)
            blp.check_etag(record_version(current))
            data.delete_person(conn, person_id)


@blp.route("/people/<int:person_id>/merge")
class PersonMerge(MethodView):
    @blp.arguments(MergeSchema)
    @blp.response(200, PersonSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="Either person does not exist.")
    def post(self, body: dict, person_id: int):
        """Merge a duplicate into this person: names, mentions, quotes, affiliations move."""
        with connection() as conn:
            merge_into(conn, "person", person_id, body["duplicate_id"], data.lock_pair,
                       data.merge)
            return data.get_person(conn, person_id)


@blp.route("/people/<int:person_id>/affiliations")
class PersonAffiliations(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(AffiliationSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    def get(self, args: dict, person_id: int):
        """List a person's affiliations (organization, role, source article), oldest first."""
        return paged_list(data.AFFILIATIONS, args, schema=AffiliationSchema,
                          fixed={"person_id": person_id},
                          check=person_check(person_id))

    @blp.arguments(AffiliationSchema)
    @blp.response(201, AffiliationSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    @blp.alt_response(409, response="CONFLICT", description="The affiliation exists.")
    def post(self, body: dict, person_id: int):
        """Add an affiliation of this person to an organization (409 if it exists)."""
        with connection() as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            try:
                with conn.transaction():
                    return affiliations.create_affiliation(
                        conn, person_id, body["organization_id"], body["role"],
                        body["article_id"]), 201
            except pg_errors.UniqueViolation:
                raise ApiError(409, "This person already has this affiliation (same "
                               "organization, role and article).") from None
            except pg_errors.ForeignKeyViolation as error:
                field, kind = AFFILIATION_REFERENCES.get(
                    error.diag.constraint_name or "", ("organization_id", "organization"))
                raise invalid(field, f"no {kind} {body[field]}.") from None


@blp.route("/people/<int:person_id>/articles")
class PersonArticles(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(EntityArticleSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    def get(self, args: dict, person_id: int):
        """List the articles that mention a person, newest first, with mention counts."""
        return paged_list(data.ARTICLES, args, schema=EntityArticleSchema,
                          fixed={"person_id": person_id},
                          check=person_check(person_id))


@blp.route("/people/<int:person_id>/co-mentions")
class PersonCoMentions(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(CoMentionSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    def get(self, args: dict, person_id: int):
        """List the people and organizations named in the same articles, most frequent first.

        Keyset-paginated on (articles, type, id); each page counts over the articles naming
        this person, so its cost grows with that number, not with the page number.
        """
        return paged_list(data.CO_MENTIONS, args, schema=CoMentionSchema,
                          fixed={"person_id": person_id},
                          check=person_check(person_id))


@blp.route("/people/<int:person_id>/timeline")
class PersonTimeline(MethodView):
    @blp.arguments(TimelineArgsSchema, location="query")
    @blp.response(200, TimelineSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="No such person.")
    def get(self, args: dict, person_id: int):
        """Count a person's mentions, quotes and articles per day, week or month.

        Periods follow the article's publication date (its creation date when unknown), oldest
        first; only periods with activity are listed, so the timeline is not paginated.
        """
        with connection(readonly=True) as conn:
            require(data.get_person(conn, person_id), "person", person_id)
            points = data.timeline(conn, person_id, **args)
        return {"interval": args["interval"], "data": points}
