"""Records embedded in another with `include=`: an article's summary, a quote's speaker."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from schemas.common import QueryList, StrictSchema


class ArticleRefSchema(StrictSchema):
    """The article a record is in (`include=article`): enough to show and link it."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    title = fields.String(dump_only=True, metadata={
        "example": "Russia forgives 90% of North Korea's Soviet-era debt"})
    source = fields.String(dump_only=True, allow_none=True, metadata={"example": "NK News"})
    published_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class SpeakerSchema(StrictSchema):
    """Who said a quote (`include=speaker`): the linked person or organization."""

    id = fields.Integer(dump_only=True, metadata={"example": 6})
    type = fields.String(dump_only=True, validate=validate.OneOf(("person", "organization")),
                         metadata={"description": "`person` or `organization`.",
                                   "example": "person"})
    name = fields.String(dump_only=True, metadata={"example": "Richard Weitz"})
    description = fields.String(
        dump_only=True, allow_none=True,
        metadata={"description": "A person's description (null for an organization).",
                  "example": "Director of the Center for Political-Military Analysis"})


def _distinct(values: list[str]) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("List each expansion once.")


def include_param(choices: tuple[str, ...], description: str) -> QueryList:
    """`include=` with the expansions `choices` (repeated or comma-separated, each once)."""
    return QueryList(
        fields.String(validate=validate.OneOf(choices)),
        load_default=list,
        validate=[validate.Length(max=len(choices)), _distinct],
        metadata={"description": description},
    )


def quote_include() -> QueryList:
    return include_param(("article", "speaker"), "Embed `article` (id, title, source, "
                         "published_at) and/or `speaker` (id, type, name, description).")


def figure_include() -> QueryList:
    return include_param(("article",), "Embed `article` (id, title, source, published_at).")


class QuoteIncludeArgsSchema(StrictSchema):
    """Related records to embed in a quote."""

    include = quote_include()


class FigureIncludeArgsSchema(StrictSchema):
    """Related records to embed in a financial figure."""

    include = figure_include()
