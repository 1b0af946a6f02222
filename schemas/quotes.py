"""Quote shapes: the quote itself, its list filters and sort orders."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from schemas.common import PageArgsSchema, StrictSchema, Text, datetime_param, ids_param
from schemas.embedded import ArticleRefSchema, SpeakerSchema, quote_include

MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1
SORTS = ("-created_at", "created_at", "position", "relevance")
KINDS = ("direct", "partial", "indirect")
KIND_DESCRIPTION = ("`direct` (a statement in quotation marks), `partial` (a quoted fragment "
                    "inside a paraphrase) or `indirect` (reported speech without quotation "
                    "marks).")


def not_blank(value: str) -> None:
    """Reject text made only of spaces (the database trims spaces before checking length)."""
    if not value.strip(" "):
        raise ValidationError("Must not be blank.")


def offset_field(description: str, example: int) -> fields.Integer:
    return fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": description, "example": example},
    )


def ref_field(description: str, *, required: bool = False) -> fields.Integer:
    kwargs: dict = {"required": True} if required else {"allow_none": True, "load_default": None}
    return fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": description, "example": 1},
        **kwargs,
    )


class QuoteSchema(StrictSchema):
    """A quote in an article: who said it (a person or an organization, and the speaker as
    written), the words, the speech verb and the character span `[start, end)` in the body."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    article_id = ref_field("The article the quote is in.", required=True)
    speaker_person_id = ref_field("The person who said it (or null).")
    speaker_organization_id = ref_field(
        "The organization that said it (or null); at most one of the two speaker ids is set."
    )
    speaker_name = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=300),
        metadata={"description": "The speaker as written in the article.",
                  "example": "Richard Weitz"},
    )
    text = Text(
        required=True, validate=[validate.Length(min=1, max=10000), not_blank],
        metadata={"description": "The quoted words.",
                  "example": "It’ll make him feel good. It’ll make him think that he’s still an "
                             "important international leader."},
    )
    verb = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=50),
        metadata={"description": "Speech verb.", "example": "noted"},
    )
    kind = fields.String(
        validate=validate.OneOf(KINDS),
        metadata={"description": f"The kind of quote: {KIND_DESCRIPTION} `direct` when "
                  "not given.", "example": "direct"},
    )
    start = offset_field("Start of the quote in the article body (code points, inclusive).",
                         1706)
    end = offset_field("End of the quote in the article body (code points, exclusive).", 1803)
    method = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=50),
        metadata={"description": "How the quote was found (extraction rule or `manual`).",
                  "example": "manual"},
    )
    confidence = fields.Float(
        allow_none=True, load_default=None, validate=validate.Range(min=0, max=1),
        metadata={"description": "Extractor confidence, 0-1.", "example": 0.9},
    )
    source = fields.String(
        dump_only=True,
        metadata={"description": "`manual` (entered by hand) or `extracted`.",
                  "example": "manual"},
    )
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    article = fields.Nested(ArticleRefSchema, dump_only=True, allow_none=True, metadata={
        "description": "The article, with `include=article` (absent otherwise)."})
    speaker = fields.Nested(SpeakerSchema, dump_only=True, allow_none=True, metadata={
        "description": "The linked speaker, with `include=speaker` (absent otherwise; null "
                       "when the quote has no linked speaker)."})


class QuoteFilterArgsSchema(PageArgsSchema):
    """Filters and sort order shared by every list of quotes."""

    q = Text(
        load_default=None, validate=validate.Length(min=1, max=500),
        metadata={"description": "Full-text search over the quote text (web-search syntax).",
                  "example": "relations"},
    )
    verb = Text(
        load_default=None, validate=validate.Length(min=1, max=50),
        metadata={"description": "Speech verb (case-insensitive).", "example": "said"},
    )
    kind = fields.String(
        load_default=None, validate=validate.OneOf(KINDS),
        metadata={"description": f"Only quotes of this kind: {KIND_DESCRIPTION}"},
    )
    published_from = datetime_param(
        "Only quotes from articles published at or after this time.", "2015-01-01T00:00:00Z"
    )
    published_to = datetime_param(
        "Only quotes from articles published before this time.", "2016-01-01T00:00:00Z"
    )
    include = quote_include()
    sort = fields.String(
        load_default=None, validate=validate.OneOf(SORTS),
        metadata={
            "description": "`-created_at` (newest first; the default), `created_at`, "
            "`position` (by article, then order in its body; the default of an article's "
            "quotes) or `relevance` (best full-text match first; needs `q`, the default with "
            "`q`).",
            "example": "-created_at",
        },
    )


class QuoteListArgsSchema(QuoteFilterArgsSchema):
    """Filters of `GET /v1/quotes`."""

    speaker_person_id = ids_param("Only quotes said by this person.")
    speaker_organization_id = ids_param("Only quotes said by this organization.")
    article_id = ids_param("Only quotes in this article.")
    speaker_affiliation_id = ids_param(
        "Only quotes by this organization or one below it (its `parent_id` tree), or by a "
        "person affiliated with one of them; combines with every other filter.")
