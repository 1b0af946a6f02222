"""Person shapes: the person, list filters, and create/update bodies."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import PageArgsSchema, StrictSchema, Text, ids_param

NAME = validate.Length(min=1, max=300)
SORTS = ("name", "-created_at", "relevance")


def aliases_field() -> fields.List:
    return fields.List(
        Text(validate=NAME), load_default=list, validate=validate.Length(max=100),
        metadata={"description": "Other names: short forms, spellings, transliterations.",
                  "example": ["Putin"]},
    )


def external_ids_field() -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=50)),
        values=fields.String(validate=validate.Length(max=200)),
        load_default=dict,
        metadata={"description": "Identifiers in other databases.",
                  "example": {"wikidata": "Q7747"}},
    )


class PersonSchema(StrictSchema):
    """A person named in the news."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    name = Text(required=True, validate=NAME, metadata={"example": "Vladimir Putin"})
    aliases = aliases_field()
    description = Text(allow_none=True, load_default=None, validate=validate.Length(max=2000),
                       metadata={"example": "Russian President"})
    external_ids = external_ids_field()
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class PersonListArgsSchema(PageArgsSchema):
    """Filters and sort order of the people list."""

    q = Text(
        load_default=None, validate=validate.Length(min=1, max=200),
        metadata={"description": "Name search over names and aliases, ignoring accents and "
                  "case and tolerating typos; best match first.", "example": "Kom Jong Un"},
    )
    organization_id = ids_param("Only people affiliated with this organization.")
    sort = fields.String(
        load_default=None, validate=validate.OneOf(SORTS),
        metadata={"description": "`name` (default without `q`), `-created_at`, or "
                  "`relevance` (default with `q`; needs `q`).", "example": "name"},
    )
