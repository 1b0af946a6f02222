"""Person shapes: the person, list filters, and create/update bodies."""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from schemas.common import PageArgsSchema, StrictSchema, Text, ids_param


def not_blank(value: str) -> None:
    """Names must contain something besides white space (the database checks it too)."""
    if not value.strip():
        raise ValidationError("Must not be blank.")


NAME = [validate.Length(min=1, max=300), not_blank]
SORTS = ("name", "-name", "created_at", "-created_at", "relevance")
SORT_DESCRIPTION = (
    "`name` (the default without `q`), `-name`, `created_at`, `-created_at`, or `relevance` "
    "(best name match first; the default with `q`, and needs `q`)."
)
Q_DESCRIPTION = (
    "Name search over names and aliases: accents and case are ignored and typos tolerated "
    "(trigram word similarity). Sorted by `relevance` unless `sort` is given."
)


def aliases_field() -> fields.List:
    return fields.List(
        Text(validate=NAME), load_default=list, validate=validate.Length(max=100),
        metadata={"description": "Other names: short forms, spellings, transliterations.",
                  "example": ["Putin"]},
    )


def external_ids_field() -> fields.Dict:
    return fields.Dict(
        keys=Text(validate=validate.Length(min=1, max=50)),
        values=Text(validate=validate.Length(max=200)),
        load_default=dict,
        validate=validate.Length(max=50),
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
        metadata={"description": Q_DESCRIPTION, "example": "Kom Jong Un"},
    )
    organization_id = ids_param("Only people with an affiliation to this organization.")
    sort = fields.String(
        load_default=None, validate=validate.OneOf(SORTS),
        metadata={"description": SORT_DESCRIPTION, "example": "name"},
    )
