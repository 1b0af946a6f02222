"""Financial figure shapes: the figure itself, its list filters and sort orders."""

from __future__ import annotations

from decimal import Decimal

from marshmallow import ValidationError, fields, validate

from schemas.common import (
    DecimalString,
    PageArgsSchema,
    StrictSchema,
    Text,
    datetime_param,
    ids_param,
)
from schemas.embedded import ArticleRefSchema, figure_include
from schemas.quotes import offset_field, ref_field

KINDS = ("money", "percent")
SORTS = ("-created_at", "created_at", "value", "-value", "position")
MAX_FRACTION_DIGITS = 30
CURRENCY = validate.Regexp(r"^[A-Z]{3}$", error="Must be an ISO 4217 code like 'USD'.")


def fraction_digits(value: Decimal) -> None:
    """At most 30 digits after the decimal point (a bound the database can store)."""
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_FRACTION_DIGITS:
        raise ValidationError(f"At most {MAX_FRACTION_DIGITS} digits after the decimal point.")


class FinancialFigureSchema(StrictSchema):
    """A money amount or a percentage in an article: its exact value, the text as written,
    what it measures, the sentence it is in, its span `[start, end)` and the figure it is a
    share of (`related_figure_id`: "90%" of "$10 billion")."""

    id = fields.Integer(dump_only=True, metadata={"example": 2})
    article_id = ref_field("The article the figure is in.", required=True)
    kind = fields.String(
        required=True, validate=validate.OneOf(KINDS),
        metadata={"description": "`money` (needs `currency`) or `percent` (has none).",
                  "example": "percent"},
    )
    value = DecimalString(
        required=True, validate=fraction_digits,
        metadata={"description": "Exact decimal as a string (>= 0, < 10^24); 90 for 90%.",
                  "example": "90"},
    )
    currency = fields.String(
        allow_none=True, load_default=None, validate=CURRENCY,
        metadata={"description": "ISO 4217 code; money only (null for a percentage).",
                  "example": None},
    )
    text = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=200),
        metadata={"description": "The figure as written.", "example": "90%"},
    )
    measures = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=500),
        metadata={"description": "What the figure measures.",
                  "example": "share of North Korea's Soviet-era debt forgiven by Russia"},
    )
    sentence = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=5000),
        metadata={"description": "The sentence the figure is in.",
                  "example": "Russia agreed to forgive 90% ($10 billion) of North Korea’s "
                             "Soviet-era debt back in 2012, …"},
    )
    start = offset_field("Start of the figure in the article body (code points, inclusive).",
                         3634)
    end = offset_field("End of the figure in the article body (code points, exclusive).", 3637)
    related_figure_id = ref_field(
        "The figure (in the same article) this one is a share of, e.g. the amount a "
        "percentage refers to."
    )
    method = Text(
        allow_none=True, load_default=None, validate=validate.Length(max=50),
        metadata={"description": "How the figure was found (extraction rule or `manual`).",
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


class FinancialFigureFilterArgsSchema(PageArgsSchema):
    """Filters and sort order shared by every list of financial figures."""

    kind = fields.String(
        load_default=None, validate=validate.OneOf(KINDS),
        metadata={"description": "`money` or `percent`.", "example": "money"},
    )
    currency = fields.String(
        load_default=None, validate=CURRENCY,
        metadata={"description": "ISO 4217 currency code (money only).", "example": "USD"},
    )
    min_value = DecimalString(
        load_default=None,
        metadata={"description": "Only figures with a value at least this.",
                  "example": "1000000"},
    )
    max_value = DecimalString(
        load_default=None,
        metadata={"description": "Only figures with a value at most this.",
                  "example": "50000000000"},
    )
    published_from = datetime_param(
        "Only figures from articles published at or after this time.", "2015-01-01T00:00:00Z"
    )
    published_to = datetime_param(
        "Only figures from articles published before this time.", "2016-01-01T00:00:00Z"
    )
    include = figure_include()
    sort = fields.String(
        load_default=None, validate=validate.OneOf(SORTS),
        metadata={
            "description": "`-created_at` (newest first; the default), `created_at`, `value`, "
            "`-value` (largest first; best with `currency`), or `position` (by article, then "
            "order in its body; the default of an article's figures).",
            "example": "-value",
        },
    )


class FinancialFigureListArgsSchema(FinancialFigureFilterArgsSchema):
    """Filters of `GET /v1/financial-figures`."""

    article_id = ids_param("Only figures in this article.")
    person_id = ids_param("Only figures in articles that mention this person.")
    organization_id = ids_param("Only figures in articles that mention this organization.")
