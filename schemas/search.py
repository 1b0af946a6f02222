"""Search shapes: the query parameters and one typed result."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import PageArgsSchema, QueryList, StrictSchema, Text
from schemas.quotes import not_blank

TYPES = ("article", "person", "organization", "quote")


class SearchArgsSchema(PageArgsSchema):
    """What to search for and in which kinds of record."""

    q = Text(
        required=True, validate=[validate.Length(min=1, max=500), not_blank],
        metadata={"description": "Search terms: web-search syntax for articles and quotes "
                  "(quoted phrases, `or`, `-word`); typo-tolerant for names.",
                  "example": "Putin"},
    )
    types = QueryList(
        fields.String(validate=validate.OneOf(TYPES)),
        load_default=lambda: list(TYPES),
        validate=validate.Length(min=1, max=len(TYPES)),
        metadata={"description": "Kinds of record to search (default: all): article, person, "
                  "organization, quote; repeated or comma-separated.",
                  "example": ["article", "person"]},
    )


class SearchResultSchema(StrictSchema):
    """One match: its kind, id, title (article), name (person, organization) or text (quote,
    first 200 characters), a highlighted excerpt and its rank (higher is better)."""

    type = fields.String(
        dump_only=True, metadata={"description": "article, person, organization or quote.",
                                  "example": "article"}
    )
    id = fields.Integer(dump_only=True, metadata={"example": 1})
    title_or_name = fields.String(dump_only=True, metadata={"example": "Vladimir Putin"})
    highlight = fields.String(
        dump_only=True,
        metadata={"description": "HTML-escaped excerpt with the matches in <mark>...</mark>.",
                  "example": "<mark>Putin</mark> said..."},
    )
    rank = fields.Float(
        dump_only=True,
        metadata={"description": "ts_rank for articles and quotes; trigram word similarity "
                  "(0-1) for people and organizations.", "example": 0.61},
    )
    article_id = fields.Integer(
        dump_only=True, allow_none=True,
        metadata={"description": "The article (for articles and quotes)."},
    )
