"""Mentions: the people and organizations an article names, with the spans that name them.

`GET /v1/articles/{id}/people` and `/organizations` list each entity once, ordered by its
first mention, with all its spans; `POST /v1/articles/{id}/mentions` adds spans by hand;
`/v1/articles/{id}/people/{person_id}` (and the organization twin) reads or deletes one
entity's mentions in the article.
"""

from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from api.blueprint import Blueprint, collection_version
from api.data import mentions as data
from api.db import connection
from api.errors import ApiError, invalid, not_found, require
from api.pagination import paged_list
from schemas.common import page_schema
from schemas.mentions import (
    MentionListArgsSchema,
    MentionSchema,
    OrganizationMentionSchema,
    PersonMentionSchema,
)

blp = Blueprint(
    "mentions", __name__,
    description="Mentions: where an article names a person or an organization.",
)

def mention_version(row: dict) -> list:
    """The version of one entity's mentions in an article (see api/blueprint.py)."""
    return [row["article_id"], row.get("person_id"), row.get("organization_id"),
            collection_version([row])]


def list_page(article_id: int, args: dict, kind: str):
    """One page of the people or organizations an article names (a 404 without the article)."""
    listing, schema = ((data.PEOPLE, PersonMentionSchema) if kind == "person"
                       else (data.ORGANIZATIONS, OrganizationMentionSchema))

    def check(conn) -> None:
        if not data.article_exists(conn, article_id):
            raise not_found("article", article_id)

    return paged_list(listing, args, schema=schema, fixed={"article_id": article_id}, check=check)


def check_spans(spans: list[dict], body_length: int) -> None:
    for i, span in enumerate(spans):
        if span["start"] >= span["end"]:
            raise invalid(f"spans.{i}.end", "must be greater than start.")
        if span["end"] > body_length:
            raise invalid(f"spans.{i}.end", "must be at most the article body's length "
                          f"({body_length} code points).")


@blp.route("/articles/<int:article_id>/people")
class ArticlePeople(MethodView):
    @blp.arguments(MentionListArgsSchema, location="query")
    @blp.response(200, page_schema(PersonMentionSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such article.")
    def get(self, args: dict, article_id: int):
        """List the people an article names, by first mention, with their spans."""
        return list_page(article_id, args, "person")


@blp.route("/articles/<int:article_id>/organizations")
class ArticleOrganizations(MethodView):
    @blp.arguments(MentionListArgsSchema, location="query")
    @blp.response(200, page_schema(OrganizationMentionSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such article.")
    def get(self, args: dict, article_id: int):
        """List the organizations an article names, by first mention, with their spans."""
        return list_page(article_id, args, "organization")


@blp.route("/articles/<int:article_id>/mentions")
class ArticleMentions(MethodView):
    @blp.arguments(MentionSchema)
    @blp.response(201, MentionSchema)
    @blp.alt_response(404, response="NOT_FOUND", description="No such article.")
    def post(self, mention: dict, article_id: int):
        """Add spans naming a person or an organization to an article (existing ones stay)."""
        person_id, org_id = mention.get("person_id"), mention.get("organization_id")
        with connection() as conn:
            body = require(data.article_body(conn, article_id), "article", article_id)
            if person_id is not None and not data.person_exists(conn, person_id):
                raise invalid("person_id", f"no person with id {person_id}.")
            if org_id is not None and not data.organization_exists(conn, org_id):
                raise invalid("organization_id", f"no organization with id {org_id}.")
            check_spans(mention["spans"], len(body))
            data.add_mentions(conn, article_id, mention["spans"], body, source="manual",
                              person_id=person_id, organization_id=org_id)
            row = data.get_mention(conn, article_id, person_id=person_id,
                                   organization_id=org_id)
        if person_id is not None:
            location = url_for("mentions.ArticlePerson", article_id=article_id,
                               person_id=person_id)
        else:
            location = url_for("mentions.ArticleOrganization", article_id=article_id,
                               organization_id=org_id)
        return {**row, "person_id": person_id, "organization_id": org_id}, 201, {
            "Location": location
        }


@blp.route("/articles/<int:article_id>/people/<int:person_id>")
class ArticlePerson(MethodView):
    @blp.etag
    @blp.response(200, PersonMentionSchema)
    def get(self, article_id: int, person_id: int):
        """Get where an article names a person."""
        with connection(readonly=True) as conn:
            row = data.get_mention(conn, article_id, person_id=person_id)
        if row is None:
            raise ApiError(404, f"Article {article_id} does not mention person {person_id}.")
        blp.set_etag(mention_version(row))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, article_id: int, person_id: int):
        """Delete every mention of a person in an article."""
        with connection() as conn:
            row = data.get_mention(conn, article_id, person_id=person_id, lock=True)
            if row is None:
                raise ApiError(404, f"Article {article_id} does not mention person {person_id}.")
            blp.check_etag(mention_version(row))
            data.delete_mentions(conn, article_id, person_id=person_id)


@blp.route("/articles/<int:article_id>/organizations/<int:organization_id>")
class ArticleOrganization(MethodView):
    @blp.etag
    @blp.response(200, OrganizationMentionSchema)
    def get(self, article_id: int, organization_id: int):
        """Get where an article names an organization."""
        with connection(readonly=True) as conn:
            row = data.get_mention(conn, article_id, organization_id=organization_id)
        if row is None:
            raise ApiError(404, f"Article {article_id} does not mention organization "
                           f"{organization_id}.")
        blp.set_etag(mention_version(row))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, article_id: int, organization_id: int):
        """Delete every mention of an organization in an article."""
        with connection() as conn:
            row = data.get_mention(conn, article_id, organization_id=organization_id,
                                   lock=True)
            if row is None:
                raise ApiError(404, f"Article {article_id} does not mention organization "
                               f"{organization_id}.")
            blp.check_etag(mention_version(row))
            data.delete_mentions(conn, article_id, organization_id=organization_id)
