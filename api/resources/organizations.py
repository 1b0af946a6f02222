"""/v1/organizations: organizations named in the news, their people, articles, connections."""

from __future__ import annotations

from collections.abc import Callable

from flask import url_for
from flask.views import MethodView
from psycopg import Connection

from api.blueprint import Blueprint, record_version
from api.data import organizations as data
from api.db import connection
from api.errors import invalid, require
from api.pagination import paged_list
from api.resources.people import merge_into
from schemas.affiliations import AffiliationSchema
from schemas.common import PageArgsSchema, page_schema
from schemas.connections import (
    CoMentionSchema,
    EntityArticleSchema,
    MergeSchema,
    TimelineArgsSchema,
    TimelineSchema,
)
from schemas.organizations import OrganizationListArgsSchema, OrganizationSchema

blp = Blueprint("organizations", __name__, description="Organizations named in articles.")

organization_create_schema = OrganizationSchema()
organization_update_schema = OrganizationSchema(partial=True)


def check_parent(conn: Connection, org_id: int | None, parent_id: int | None) -> None:
    """The parent must exist and must not be the organization itself or lie below it."""
    if parent_id is None:
        return
    if data.get_organization(conn, parent_id) is None:
        raise invalid("parent_id", f"no organization {parent_id}.")
    if org_id is not None and data.is_descendant(conn, parent_id, org_id):
        raise invalid("parent_id", "it would make a cycle (the organization itself or one "
                      "below it).")


def organization_check(org_id: int) -> Callable[[Connection], None]:
    """A 404 unless the organization exists (run before one of its lists is read)."""
    def check(conn: Connection) -> None:
        require(data.get_organization(conn, org_id), "organization", org_id)
    return check


@blp.route("/organizations")
class OrganizationCollection(MethodView):
    @blp.arguments(OrganizationListArgsSchema, location="query")
    @blp.response(200, page_schema(OrganizationSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    def get(self, args: dict):
        """List organizations by name or name search, filtered by kind or parent."""
        return paged_list(data.LISTING, args, schema=OrganizationSchema)

    @blp.arguments(organization_create_schema)
    @blp.response(201, OrganizationSchema)
    def post(self, body: dict):
        """Create an organization."""
        with connection() as conn:
            if body["parent_id"] is not None:
                data.lock_hierarchy(conn)
            check_parent(conn, None, body["parent_id"])
            org_id = data.insert_organization(conn, body)
            row = data.get_organization(conn, org_id)
        location = url_for("organizations.OrganizationItem", organization_id=org_id)
        return row, 201, {"Location": location}


@blp.route("/organizations/<int:organization_id>")
class OrganizationItem(MethodView):
    @blp.etag
    @blp.response(200, OrganizationSchema)
    def get(self, organization_id: int):
        """Get an organization."""
        with connection(readonly=True) as conn:
            row = require(data.get_organization(conn, organization_id), "organization",
                          organization_id)
        blp.set_etag(record_version(row))
        return row

    @blp.etag
    @blp.arguments(organization_update_schema)
    @blp.response(200, OrganizationSchema)
    def patch(self, changes: dict, organization_id: int):
        """Update some fields of an organization (If-Match: 412 on a stale ETag)."""
        with connection() as conn:
            if changes.get("parent_id") is not None:
                data.lock_hierarchy(conn)  # before the row lock, as merges take them
            current = require(data.get_organization(conn, organization_id, lock=True),
                              "organization", organization_id)
            blp.check_etag(record_version(current))
            if "parent_id" in changes:
                check_parent(conn, organization_id, changes["parent_id"])
            data.update_organization(conn, current, changes)
            row = data.get_organization(conn, organization_id)
        blp.set_etag(record_version(row))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, organization_id: int):
        """Delete an organization with its mentions and affiliations (children are kept)."""
        with connection() as conn:
            current = require(data.get_organization(conn, organization_id, lock=True),
                              "organization", organization_id)
            blp.check_etag(record_version(current))
            data.delete_organization(conn, organization_id)


@blp.route("/organizations/<int:organization_id>/merge")
class OrganizationMerge(MethodView):
    @blp.arguments(MergeSchema)
    @blp.response(200, OrganizationSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="Either organization is missing.")
    def post(self, body: dict, organization_id: int):
        """Merge a duplicate into this organization: names, children, mentions, quotes move."""
        with connection() as conn:
            data.lock_hierarchy(conn)
            merge_into(conn, "organization", organization_id, body["duplicate_id"],
                       data.lock_pair, data.merge)
            return data.get_organization(conn, organization_id)


@blp.route("/organizations/<int:organization_id>/people")
class OrganizationPeople(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(AffiliationSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such organization.")
    def get(self, args: dict, organization_id: int):
        """List the people affiliated with an organization, with their roles, oldest first."""
        return paged_list(data.PEOPLE, args, schema=AffiliationSchema,
                          fixed={"organization_id": organization_id},
                          check=organization_check(organization_id))


@blp.route("/organizations/<int:organization_id>/articles")
class OrganizationArticles(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(EntityArticleSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such organization.")
    def get(self, args: dict, organization_id: int):
        """List the articles that mention an organization, newest first, with mention counts."""
        return paged_list(data.ARTICLES, args, schema=EntityArticleSchema,
                          fixed={"organization_id": organization_id},
                          check=organization_check(organization_id))


@blp.route("/organizations/<int:organization_id>/co-mentions")
class OrganizationCoMentions(MethodView):
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, page_schema(CoMentionSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such organization.")
    def get(self, args: dict, organization_id: int):
        """List the people and organizations named in the same articles, most frequent first.

        Keyset-paginated on (articles, type, id); each page counts over the articles naming
        this organization, so its cost grows with that number, not with the page number.
        """
        return paged_list(data.CO_MENTIONS, args, schema=CoMentionSchema,
                          fixed={"organization_id": organization_id},
                          check=organization_check(organization_id))


@blp.route("/organizations/<int:organization_id>/timeline")
class OrganizationTimeline(MethodView):
    @blp.arguments(TimelineArgsSchema, location="query")
    @blp.response(200, TimelineSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="No such organization.")
    def get(self, args: dict, organization_id: int):
        """Count an organization's mentions, quotes and articles per day, week or month.

        Periods follow the article's publication date (its creation date when unknown), oldest
        first; only periods with activity are listed, so the timeline is not paginated.
        """
        with connection(readonly=True) as conn:
            require(data.get_organization(conn, organization_id), "organization",
                    organization_id)
            points = data.timeline(conn, organization_id, **args)
        return {"interval": args["interval"], "data": points}
