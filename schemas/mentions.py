"""Mention shapes: the people and organizations an article names, with their spans."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.common import PageArgsSchema, StrictSchema
from schemas.metadata import SpanSchema
from schemas.quotes import ref_field

MAX_SPANS = 1000


class EntityMentionSchema(StrictSchema):
    """An entity named in an article, with every span `[start, end)` that names it, in order."""

    article_id = fields.Integer(dump_only=True, metadata={"example": 1})
    name = fields.String(dump_only=True, metadata={"example": "Vladimir Putin"})
    spans = fields.List(
        fields.Nested(SpanSchema), dump_only=True,
        metadata={"description": "Where the article names the entity, in order."},
    )
    count = fields.Integer(
        dump_only=True, metadata={"description": "Number of spans.", "example": 3}
    )


class PersonMentionSchema(EntityMentionSchema):
    """A person named in an article, with the spans that name them."""

    person_id = fields.Integer(dump_only=True, metadata={"example": 1})
    description = fields.String(
        dump_only=True, allow_none=True, metadata={"example": "Russian President"}
    )


class OrganizationMentionSchema(EntityMentionSchema):
    """An organization named in an article, with the spans that name it."""

    organization_id = fields.Integer(dump_only=True, metadata={"example": 1})
    kind = fields.String(dump_only=True, metadata={"example": "government"})


class MentionSchema(StrictSchema):
    """Spans at which an article names a person or an organization (exactly one of the ids)."""

    article_id = fields.Integer(dump_only=True, metadata={"example": 1})
    person_id = ref_field("The person named (or null).")
    organization_id = ref_field("The organization named (or null).")
    name = fields.String(dump_only=True, metadata={"example": "Vladimir Putin"})
    spans = fields.List(
        fields.Nested(SpanSchema), required=True,
        validate=validate.Length(min=1, max=MAX_SPANS),
        metadata={"description": "Spans `[start, end)` in the article body (code points)."},
    )
    count = fields.Integer(dump_only=True, metadata={"description": "Number of spans."})

    @validates_schema
    def one_entity(self, data: dict, **kwargs) -> None:
        if (data.get("person_id") is None) == (data.get("organization_id") is None):
            message = "Set exactly one of person_id and organization_id."
            raise ValidationError({"person_id": [message], "organization_id": [message]})


class MentionListArgsSchema(PageArgsSchema):
    """Pagination of an article's people or organizations (ordered by first mention)."""
