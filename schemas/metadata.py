"""The metadata a client may send with a new article, referring to entities by name.

It is also what `POST /v1/extract` answers, so an extraction can be posted back as it is:
the provenance an extraction carries is accepted too. `method` and `confidence` are stored
with quotes and figures (as for extracted ones); on people, organizations and affiliations,
like a quote's `speaker_type`, an affiliation's span and `extractor_version`, they are
accepted and not stored. Quotes of kind `scare` (phrases no one is said to have said) are
accepted and never stored.
"""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import DecimalString, StrictSchema, Text

ORGANIZATION_KINDS = (
    "government", "company", "university", "think tank", "military", "media", "other",
)
MAX_ITEMS = 1000


def _names(description: str) -> fields.List:
    return fields.List(
        Text(validate=validate.Length(min=1, max=300)),
        load_default=list,
        validate=validate.Length(max=100),
        metadata={"description": description},
    )


def _method() -> fields.Field:
    return Text(allow_none=True, load_default=None, validate=validate.Length(max=50),
                metadata={"description": "How it was found (as `/v1/extract` reports it)."})


def _confidence() -> fields.Field:
    return fields.Float(allow_none=True, load_default=None, validate=validate.Range(min=0, max=1),
                        metadata={"description": "0 to 1 (as `/v1/extract` reports it)."})


class SpanSchema(StrictSchema):
    """A character span `[start, end)` in the article body (Unicode code points)."""

    start = fields.Integer(required=True, validate=validate.Range(min=0, max=10_000_000),
                           metadata={"example": 179})
    end = fields.Integer(required=True, validate=validate.Range(min=1, max=10_000_000),
                         metadata={"example": 193})


class PersonInputSchema(StrictSchema):
    """A person in the article; matched to an existing person by name or alias."""

    name = Text(required=True, validate=validate.Length(min=1, max=300))
    aliases = _names("Other names used for the person (short forms, misspellings).")
    description = Text(allow_none=True, load_default=None, validate=validate.Length(max=2000))
    external_ids = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=50)),
        values=fields.String(validate=validate.Length(max=200)),
        load_default=dict,
        metadata={"example": {"wikidata": "Q7747"}},
    )
    mentions = fields.List(fields.Nested(SpanSchema), load_default=list,
                           validate=validate.Length(max=MAX_ITEMS))
    method = _method()
    confidence = _confidence()


class OrganizationInputSchema(StrictSchema):
    """An organization in the article; matched to an existing one by name or alias."""

    name = Text(required=True, validate=validate.Length(min=1, max=300))
    aliases = _names("Other names of the organization.")
    kind = fields.String(load_default="other", validate=validate.OneOf(ORGANIZATION_KINDS))
    parent = Text(allow_none=True, load_default=None, validate=validate.Length(max=300),
                  metadata={"description": "Name of the parent organization in this request."})
    external_ids = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=50)),
        values=fields.String(validate=validate.Length(max=200)),
        load_default=dict,
    )
    mentions = fields.List(fields.Nested(SpanSchema), load_default=list,
                           validate=validate.Length(max=MAX_ITEMS))
    method = _method()
    confidence = _confidence()


class AffiliationInputSchema(StrictSchema):
    """A person's role in an organization, both named as in this request."""

    person = Text(required=True, validate=validate.Length(min=1, max=300))
    organization = Text(required=True, validate=validate.Length(min=1, max=300))
    role = Text(allow_none=True, load_default=None, validate=validate.Length(max=300))
    start = fields.Integer(allow_none=True, load_default=None,
                           validate=validate.Range(min=0, max=10_000_000),
                           metadata={"description": "Where the text states it (not stored)."})
    end = fields.Integer(allow_none=True, load_default=None,
                         validate=validate.Range(min=1, max=10_000_000))


class QuoteInputSchema(StrictSchema):
    """A quote; `speaker` names a person or organization of this request."""

    speaker = Text(allow_none=True, load_default=None, validate=validate.Length(max=300))
    speaker_name = Text(allow_none=True, load_default=None, validate=validate.Length(max=300),
                        metadata={"description": "The speaker as written, e.g. 'he'."})
    text = Text(required=True, validate=validate.Length(min=1, max=10000))
    verb = Text(allow_none=True, load_default=None, validate=validate.Length(max=50))
    speaker_type = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(("person", "organization")),
        metadata={"description": "As `/v1/extract` reports it (not stored: `speaker` decides)."})
    kind = fields.String(
        validate=validate.OneOf(("direct", "partial", "indirect", "scare")),
        metadata={"description": "`direct` (in quotation marks; when not given), `partial` (a "
                  "quoted fragment inside a paraphrase), `indirect` (reported speech) or "
                  "`scare` (a quoted phrase no one is said to have said: not stored)."})
    start = fields.Integer(allow_none=True, load_default=None,
                           validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(allow_none=True, load_default=None,
                         validate=validate.Range(min=1, max=10_000_000))
    method = _method()
    confidence = _confidence()


class FinancialFigureInputSchema(StrictSchema):
    """A money amount or percentage; `related_index` points at another figure of this list."""

    kind = fields.String(required=True, validate=validate.OneOf(("money", "percent")))
    value = DecimalString(
        required=True,
        metadata={"description": "Exact decimal, as a string.", "example": "10000000000"},
    )
    currency = fields.String(
        allow_none=True, load_default=None,
        validate=validate.Regexp(r"^[A-Z]{3}$", error="Must be an ISO 4217 code like 'USD'."),
    )
    text = Text(allow_none=True, load_default=None, validate=validate.Length(max=200))
    measures = Text(allow_none=True, load_default=None, validate=validate.Length(max=500))
    sentence = Text(allow_none=True, load_default=None, validate=validate.Length(max=5000))
    start = fields.Integer(allow_none=True, load_default=None,
                           validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(allow_none=True, load_default=None,
                         validate=validate.Range(min=1, max=10_000_000))
    related_index = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=0, max=MAX_ITEMS),
        metadata={"description": "Index in this list of the figure this one is a share of."},
    )
    method = _method()
    confidence = _confidence()


class ArticleMetadataSchema(StrictSchema):
    """People, organizations, affiliations, quotes and figures of one article."""

    people = fields.List(fields.Nested(PersonInputSchema), load_default=list,
                         validate=validate.Length(max=MAX_ITEMS))
    organizations = fields.List(fields.Nested(OrganizationInputSchema), load_default=list,
                                validate=validate.Length(max=MAX_ITEMS))
    affiliations = fields.List(fields.Nested(AffiliationInputSchema), load_default=list,
                               validate=validate.Length(max=MAX_ITEMS))
    quotes = fields.List(fields.Nested(QuoteInputSchema), load_default=list,
                         validate=validate.Length(max=MAX_ITEMS))
    financial_figures = fields.List(fields.Nested(FinancialFigureInputSchema), load_default=list,
                                    validate=validate.Length(max=MAX_ITEMS))
    extractor_version = fields.String(
        allow_none=True, load_default=None, validate=validate.Length(max=50),
        metadata={"description": "As `/v1/extract` reports it (not stored: metadata sent by "
                  "a client is the client's, `source: manual`)."})
