"""What the extractor finds in a text (`POST /v1/extract`), before anything is stored.

The answer has the shape of the `metadata` that `POST /v1/articles` takes (the same field
names: `financial_figures`, `mentions`, `related_index`), with provenance (`method`,
`confidence`, a quote's `speaker_type`) and the `extractor_version` alongside, which that
`metadata` also accepts: a client can preview an extraction, correct it, and store it by
posting it back as it is (schemas/metadata.py says what is stored of it).
"""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import StrictSchema, Text
from schemas.metadata import SpanSchema

PROVENANCE = {
    "method": fields.String(metadata={
        "description": "How it was found, e.g. `speech_verb`, `pronoun`, `according_to`, "
        "`ner`, `regex`."}),
    "confidence": fields.Float(metadata={"description": "0 to 1."}),
}


class ExtractRequestSchema(StrictSchema):
    """A text to run the extractor on."""

    text = Text(required=True, validate=validate.Length(min=1, max=200_000),
                metadata={"description": "Article text (at most 200,000 characters)."})
    language = fields.String(load_default="en", validate=validate.OneOf(("en",)),
                             metadata={"description": "Only English is supported."})


def _mentions() -> fields.List:
    return fields.List(fields.Nested(SpanSchema), attribute="spans",
                       metadata={"description": "Where the text names it."})


class ExtractedPersonSchema(StrictSchema):
    name = fields.String()
    aliases = fields.List(fields.String())
    description = fields.String(allow_none=True)
    mentions = _mentions()
    method = PROVENANCE["method"]
    confidence = PROVENANCE["confidence"]


class ExtractedOrganizationSchema(StrictSchema):
    name = fields.String()
    aliases = fields.List(fields.String())
    kind = fields.String()
    parent = fields.String(allow_none=True)
    mentions = _mentions()
    method = PROVENANCE["method"]
    confidence = PROVENANCE["confidence"]


class ExtractedQuoteSchema(StrictSchema):
    text = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    speaker_name = fields.String(allow_none=True,
                                 metadata={"description": "The speaker as written."})
    speaker = fields.String(allow_none=True,
                            metadata={"description": "Canonical name; null when unattributed."})
    speaker_type = fields.String(allow_none=True, validate=validate.OneOf(
        ("person", "organization")))
    verb = fields.String(allow_none=True)
    method = PROVENANCE["method"]
    confidence = PROVENANCE["confidence"]
    kind = fields.String(validate=validate.OneOf(("direct", "partial", "indirect", "scare")),
                         metadata={"description": "`direct`: a statement in quotation marks; "
                                   "`partial`: a quoted fragment inside a paraphrase; "
                                   "`indirect`: reported speech without marks; `scare`: a "
                                   "quoted phrase no one is said to have said (never "
                                   "attributed, never stored)."})


class ExtractedFigureSchema(StrictSchema):
    kind = fields.String(validate=validate.OneOf(("money", "percent")))
    value = fields.String(metadata={"description": "Exact decimal.", "example": "10000000000"})
    currency = fields.String(allow_none=True)
    text = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    measures = fields.String(allow_none=True)
    sentence = fields.String()
    related_index = fields.Integer(allow_none=True, attribute="related", metadata={
        "description": "Index in `financial_figures` of the figure this one is a share of."})
    method = PROVENANCE["method"]
    confidence = PROVENANCE["confidence"]


class ExtractedAffiliationSchema(StrictSchema):
    person = fields.String()
    organization = fields.String()
    role = fields.String(allow_none=True)
    start = fields.Integer()
    end = fields.Integer()


class ExtractionSchema(StrictSchema):
    """The extractor's findings, as `metadata` for `POST /v1/articles`; offsets point into the
    submitted text."""

    people = fields.List(fields.Nested(ExtractedPersonSchema))
    organizations = fields.List(fields.Nested(ExtractedOrganizationSchema))
    affiliations = fields.List(fields.Nested(ExtractedAffiliationSchema))
    quotes = fields.List(fields.Nested(ExtractedQuoteSchema))
    financial_figures = fields.List(fields.Nested(ExtractedFigureSchema), attribute="figures")
    extractor_version = fields.String()
