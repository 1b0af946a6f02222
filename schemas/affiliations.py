"""Affiliation shapes: a person's role in an organization, readable from both sides."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import StrictSchema, Text


class EntityRefSchema(StrictSchema):
    """A short reference to a person or an organization."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    name = fields.String(dump_only=True, metadata={"example": "Hudson Institute"})


class AffiliationSchema(StrictSchema):
    """A person's role in an organization, with the article it was read from (if any)."""

    id = fields.Integer(dump_only=True)
    person = fields.Nested(EntityRefSchema, dump_only=True)
    organization = fields.Nested(EntityRefSchema, dump_only=True)
    organization_id = fields.Integer(
        load_only=True, required=True, validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": "The organization (when creating)."},
    )
    role = Text(allow_none=True, load_default=None, validate=validate.Length(max=300),
                metadata={"example": "director"})
    article_id = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": "The article the affiliation was read from."},
    )
    source = fields.String(dump_only=True, metadata={
        "description": "`manual` (entered by hand) or `extracted`."})
    created_at = fields.AwareDateTime(dump_only=True)
