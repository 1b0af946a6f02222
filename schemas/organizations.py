"""Organization shapes: the organization, list filters, and create/update bodies."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import PageArgsSchema, StrictSchema, Text, ids_param
from schemas.metadata import ORGANIZATION_KINDS
from schemas.people import (
    NAME,
    Q_DESCRIPTION,
    SORT_DESCRIPTION,
    SORTS,
    aliases_field,
    external_ids_field,
)


class OrganizationSchema(StrictSchema):
    """An organization: a government body, company, university, think tank, and so on."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    name = Text(required=True, validate=NAME, metadata={"example": "Hudson Institute"})
    aliases = aliases_field()
    kind = fields.String(load_default="other", validate=validate.OneOf(ORGANIZATION_KINDS),
                         metadata={"example": "think tank"})
    parent_id = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": "The organization this one belongs to."},
    )
    external_ids = external_ids_field()
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class OrganizationListArgsSchema(PageArgsSchema):
    """Filters and sort order of the organization list."""

    q = Text(
        load_default=None, validate=validate.Length(min=1, max=200),
        metadata={"description": Q_DESCRIPTION, "example": "Hudson"},
    )
    kind = fields.String(load_default=None, validate=validate.OneOf(ORGANIZATION_KINDS),
                         metadata={"description": "Only organizations of this kind: "
                         + ", ".join(f"`{k}`" for k in ORGANIZATION_KINDS) + ".",
                         "example": "think tank"})
    parent_id = ids_param("Only direct children of this organization.")
    sort = fields.String(
        load_default=None, validate=validate.OneOf(SORTS),
        metadata={"description": SORT_DESCRIPTION, "example": "name"},
    )
