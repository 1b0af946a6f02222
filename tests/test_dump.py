"""The dump shortcut of StrictSchema (schemas/common.py) gives what marshmallow gives, for
every response schema, with values of the expected types, of other types, None and absent."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, date, datetime
from decimal import Decimal

import marshmallow as ma
import pytest

import schemas
from schemas.common import StrictSchema


def all_schemas() -> list[type[StrictSchema]]:
    for info in pkgutil.iter_modules(schemas.__path__):
        importlib.import_module(f"schemas.{info.name}")
    found, pending = [], [StrictSchema]
    while pending:
        cls = pending.pop()
        found.extend(cls.__subclasses__())
        pending.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda c: c.__qualname__)


def sample(field: ma.fields.Field, variant: int):
    """A value for `field`: 0 of its type, 1 None, 2 a value of another type."""
    if variant == 1:
        return None
    if isinstance(field, ma.fields.DateTime):
        return datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC) if variant == 0 else "x"
    if isinstance(field, ma.fields.Date):
        return date(2024, 5, 1)
    if isinstance(field, ma.fields.Boolean):
        return True if variant == 0 else 1
    if isinstance(field, ma.fields.Integer):
        return 7 if variant == 0 else Decimal("7")
    if isinstance(field, ma.fields.Decimal | ma.fields.Float):
        return Decimal("12.50")
    if isinstance(field, ma.fields.String):
        return "Ana Ruiz" if variant == 0 else 12
    if isinstance(field, ma.fields.List) and isinstance(field.inner, ma.fields.String):
        return ["a", "b"]
    if isinstance(field, ma.fields.Dict):
        return {"wikidata": "Q1"}
    return None  # nested records: None (their own schemas are covered on their own)


@pytest.mark.parametrize("schema_class", all_schemas(), ids=lambda c: c.__qualname__)
def test_shortcut_dumps_what_marshmallow_dumps(schema_class):
    schema = schema_class()
    for variant in range(3):
        row = {name: sample(field, variant) for name, field in schema.dump_fields.items()}
        for absent in (set(), set(list(row)[::2])):
            data = {k: v for k, v in row.items() if k not in absent}
            try:
                expected = ma.Schema._serialize(schema, data)
            except (TypeError, ValueError, AttributeError, ma.ValidationError) as error:
                with pytest.raises(type(error)):
                    schema._serialize(data)
                continue
            assert schema._serialize(data) == expected, (variant, absent)
            assert list(schema._serialize(data)) == list(expected)  # same order
