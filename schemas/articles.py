"""Article shapes: the article itself, its list filters, and its create/update bodies."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_dump, validate

from schemas.common import (
    PageArgsSchema,
    QueryList,
    StrictBoolean,
    StrictSchema,
    Text,
    UtcDateTime,
    datetime_param,
)
from schemas.financial_figures import FinancialFigureSchema
from schemas.mentions import OrganizationMentionSchema, PersonMentionSchema
from schemas.metadata import ArticleMetadataSchema
from schemas.quotes import QuoteSchema

LANGUAGE_RE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SORTS = ("-published_at", "published_at", "relevance")
INCLUDES = ("people", "organizations", "quotes", "financial_figures")
LIST_INCLUDES = ("body",)


class ArticleSchema(StrictSchema):
    """A news article. `body` is the text all character offsets point into."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    url = fields.Url(
        allow_none=True,
        load_default=None,
        schemes={"http", "https"},
        validate=validate.Length(max=2048),
        metadata={
            "description": "Canonical URL (unique; fragment and utm_* parameters are dropped).",
            "example": "https://news.example.com/2015/russia-north-korea",
        },
    )
    title = Text(required=True, validate=validate.Length(min=1, max=1000),
                 metadata={"example": "Russia Is Becoming North Korea’s New Best Friend"})
    body = Text(
        required=True,
        validate=validate.Length(max=1_000_000),
        metadata={"description": "Full text of the article.",
                  "example": "Russia has been looking to make allies where ever it can across "
                             "the globe over the last few years. Russian President Vladimir "
                             "Putin has been cozying up to ostracized states …"},
    )
    source = Text(
        allow_none=True,
        load_default=None,
        validate=validate.Length(max=300),
        metadata={"description": "Publisher.", "example": "Example News"},
    )
    authors = fields.List(
        Text(validate=validate.Length(min=1, max=200)),
        load_default=list,
        validate=validate.Length(max=100),
        metadata={"example": ["Staff reporter"]},
    )
    language = fields.String(
        load_default="en",
        validate=validate.Regexp(LANGUAGE_RE, error="Must be a BCP 47 language tag like 'en'."),
        metadata={"description": "BCP 47 language tag.", "example": "en"},
    )
    published_at = UtcDateTime(
        allow_none=True, load_default=None, metadata={"example": "2015-02-11T09:30:00+00:00"}
    )
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    extractor_version = fields.String(
        dump_only=True, allow_none=True,
        metadata={"description": "Version of the extractor that produced its metadata."},
    )
    extracted_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    people_count = fields.Integer(dump_only=True)
    organizations_count = fields.Integer(dump_only=True)
    quotes_count = fields.Integer(dump_only=True)
    financial_figures_count = fields.Integer(dump_only=True)


class ArticleListItemSchema(ArticleSchema):
    """An article in a list: without its body unless the list asks for `include=body`."""

    body = Text(
        dump_only=True,
        metadata={"description": "Full text of the article; in lists only with `include=body`."},
    )

    @post_dump
    def _without_body(self, data: dict, **kwargs) -> dict:
        """A list row read without its body leaves the field out (pages and NDJSON alike)."""
        if data.get("body") is None:
            data.pop("body", None)
        return data


class ArticleListArgsSchema(PageArgsSchema):
    """Filters and sort order of the article list."""

    q = Text(
        load_default=None,
        validate=validate.Length(min=1, max=500),
        metadata={
            "description": "Full-text search over title (weighted higher) and body; "
            "web-search syntax: quoted phrases, `or`, `-word`.",
            "example": "North Korea debt",
        },
    )
    published_from = datetime_param(
        "Only articles published at or after this time.", "2015-01-01T00:00:00Z"
    )
    published_to = datetime_param(
        "Only articles published before this time.", "2016-01-01T00:00:00Z"
    )
    source = Text(
        load_default=None,
        validate=validate.Length(min=1, max=300),
        metadata={"description": "Exact publisher name.", "example": "Example News"},
    )
    language = fields.String(
        load_default=None,
        validate=validate.Regexp(LANGUAGE_RE, error="Must be a BCP 47 language tag like 'en'."),
        metadata={"description": "Language tag.", "example": "en"},
    )
    include = QueryList(
        fields.String(validate=validate.OneOf(LIST_INCLUDES)),
        load_default=list,
        validate=[validate.Length(max=len(LIST_INCLUDES))],
        metadata={
            "description": "`body`: list rows carry each article's full text too (by "
            "default they do not; `GET /v1/articles/{id}` always does).",
            "example": "body",
        },
    )
    sort = fields.String(
        load_default=None,
        validate=validate.OneOf(SORTS),
        metadata={
            "description": "`-published_at` (newest first, the default without `q`), "
            "`published_at`, or `relevance` (the default with `q`; needs `q`). Articles "
            "without a publication date sort by their creation time. `relevance` ranks the "
            "200 newest matches (older ones: a date filter or `-published_at`).",
            "example": "-published_at",
        },
    )


class ArticleCreateSchema(ArticleSchema):
    """A new article, optionally with its metadata or with `extract: true`."""

    extract = StrictBoolean(
        load_default=False, load_only=True,
        metadata={"description": "Extract people, organizations, quotes and figures from "
                  "`body` and store them in the same transaction (English only)."},
    )
    metadata = fields.Nested(
        ArticleMetadataSchema, load_default=None, load_only=True,
        metadata={"description": "Metadata entered by hand, referring to entities by name; "
                  "people and organizations are matched to existing ones by name or alias."},
    )


def _distinct(values: list[str]) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("List each expansion once.")


class ArticleIncludeArgsSchema(StrictSchema):
    """Related records to embed in an article."""

    include = QueryList(
        fields.String(validate=validate.OneOf(INCLUDES)),
        load_default=list,
        validate=[validate.Length(max=len(INCLUDES)), _distinct],
        metadata={
            "description": "Related data to embed, repeated or comma-separated: "
            "`people`, `organizations` (with their spans), `quotes`, `financial_figures`.",
            "example": "people,quotes",
        },
    )


class ArticleDetailSchema(ArticleSchema):
    """An article with the related data asked for with `include` (absent otherwise)."""

    people = fields.List(fields.Nested(PersonMentionSchema), dump_only=True)
    organizations = fields.List(fields.Nested(OrganizationMentionSchema), dump_only=True)
    quotes = fields.List(fields.Nested(QuoteSchema), dump_only=True)
    financial_figures = fields.List(fields.Nested(FinancialFigureSchema), dump_only=True)
