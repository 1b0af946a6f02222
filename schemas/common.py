"""Shapes shared by every resource: problem details, pagination and list envelopes."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


# Fields whose serialization of a value of these exact types is the value itself (marshmallow
# would call int(), str() or bool() on it and return it unchanged), and date-times in ISO 8601.
_AS_IS: dict[Any, tuple[type, ...]] = {
    fields.String._serialize: (str,),
    fields.Integer._serialize: (int,),
    fields.Boolean._serialize: (bool,),
}
_ISO = fields.DateTime._serialize


class StrictSchema(ma.Schema):
    """Rejects unknown fields, so that a typo in a field or filter name is a 422, not ignored.

    Dumping is marshmallow's, with a shortcut for the rows the database returns (dicts): a
    string, integer or boolean field whose value already has that type is copied, and a
    date-time is written with `isoformat()` (marshmallow's own "iso" format); every other
    field, or value of another type, goes through marshmallow's `Field.serialize`. The result
    is the same, at about a third of the cost per field of a list page.
    """

    class Meta:
        unknown = ma.RAISE
        ordered = True

    @ma.validates_schema
    def _changes_something(self, data: dict, partial: bool | tuple = False, **_: Any) -> None:
        """A body loaded with `partial=True` (an Update schema: the body of a PATCH) changes
        at least one field: no body, or `{}`, is a 422 rather than a 200 that changed
        nothing (and moved `updated_at` and the ETag). The document says `minProperties: 1`."""
        if partial is True and not data:
            raise ma.ValidationError(
                "A PATCH needs a JSON object with at least one field to change.")

    def _dump_plan(self) -> list[tuple[str, str, tuple[type, ...] | None, ma.fields.Field]]:
        """(attribute, output key, types copied as they are or None for ISO date-times or
        () for marshmallow, field) per dumped field, computed once per schema instance."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = []
            for name, field in self.dump_fields.items():
                method = type(field)._serialize
                custom = type(field).serialize is not fields.Field.serialize
                if field.attribute is not None or custom:
                    kind: tuple[type, ...] | None = ()
                elif method is _ISO and field.format in (None, "iso"):
                    kind = None
                else:
                    kind = () if getattr(field, "as_string", False) else _AS_IS.get(method, ())
                key = field.data_key if field.data_key is not None else name
                plan.append((name, key, kind, field))
            self.__dict__["_plan"] = plan
        return plan

    def _serialize(self, obj: Any, *, many: bool = False) -> Any:
        if many and obj is not None:
            return [self._serialize(item) for item in obj]
        if type(obj) is not dict:
            return super()._serialize(obj, many=False)
        ret = self.dict_class()
        for name, key, kind, field in self._dump_plan():
            value = obj.get(name, ma.missing)
            if value is None and kind != ():
                ret[key] = None
            elif kind is None and isinstance(value, datetime):
                ret[key] = value.isoformat()
            elif kind and type(value) in kind:
                ret[key] = value
            else:
                value = field.serialize(name, obj, accessor=self.get_attribute)
                if value is not ma.missing:
                    ret[key] = value
        return ret


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, sent as `application/problem+json` for every error."""

    class Meta:
        ordered = True

    type = fields.String(
        metadata={"description": "URI reference identifying the problem type."},
        dump_default="about:blank",
    )
    title = fields.String(metadata={"description": "Short summary of the problem type."})
    status = fields.Integer(metadata={"description": "HTTP status code."})
    detail = fields.String(metadata={"description": "What went wrong in this request."})
    instance = fields.String(metadata={"description": "The request path."})
    request_id = fields.String(metadata={"description": "Request id, as in X-Request-ID."})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={
            "description": "Validation messages per field or parameter, e.g. "
            '`{"limit": ["Must be greater than or equal to 1 and less than or equal to 100."]}`.'
        },
    )


class PageArgsSchema(StrictSchema):
    """Keyset pagination parameters shared by all list endpoints."""

    limit = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": "Page size (1-100).", "example": 20},
    )
    cursor = fields.String(
        load_default=None,
        validate=validate.Length(max=500),
        metadata={
            "description": "Opaque cursor from the previous page's `next_cursor`; "
            "omit for the first page."
        },
    )
    count = fields.String(
        load_default=None, validate=validate.OneOf(("exact", "estimated")),
        metadata={
            "description": "Add `total`, the number of rows matching the filters: `exact` "
            "counts them (costs a scan of the matches), `estimated` takes the query "
            "planner's estimate (costs nothing, may be off). Omitted by default."
        },
    )
    format = fields.String(
        load_default=None, validate=validate.OneOf(("json", "ndjson")),
        metadata={
            "description": "`ndjson` streams every matching row (same filters and order, "
            "from `cursor` if given) as `application/x-ndjson`, one JSON object per line, "
            "instead of a page; so does `Accept: application/x-ndjson`. `limit` and `count` "
            "do not apply to it."
        },
    )


@cache
def page_schema(item_schema: type[ma.Schema], name: str | None = None) -> type[ma.Schema]:
    """The list envelope `{data, next_cursor, has_more}` for items of `item_schema` (named
    after it unless `name` is given)."""
    name = name or item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (ma.Schema,),
        {
            "Meta": type("Meta", (), {"ordered": True}),
            "data": fields.List(fields.Nested(item_schema), required=True),
            "next_cursor": fields.String(
                allow_none=True,
                required=True,
                metadata={"description": "Cursor of the next page, null on the last page."},
            ),
            "has_more": fields.Boolean(
                required=True, metadata={"description": "Whether another page follows."}
            ),
            "total": fields.Integer(
                metadata={"description": "Rows matching the filters, with `count=exact` "
                          "or `count=estimated` (absent otherwise)."}
            ),
        },
    )


class Text(fields.String):
    """A string that PostgreSQL can store: NUL characters are rejected with a clear message."""

    default_error_messages = {"nul": "Must not contain NUL (\\u0000) characters."}

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in result:
            raise self.make_error("nul")
        return result


def ids_param(description: str) -> fields.Integer:
    """An integer id filter."""
    return fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": description, "example": 1},
    )


def datetime_param(description: str, example: str) -> fields.AwareDateTime:
    """A timezone-aware ISO 8601 timestamp filter (a bare date or naive time is taken as UTC)."""
    return UtcDateTime(load_default=None, metadata={"description": description, "example": example})


class UtcDateTime(fields.AwareDateTime):
    """ISO 8601 date-time; naive values and bare dates are taken as UTC."""

    def __init__(self, **kwargs) -> None:
        import datetime as dt

        super().__init__(default_timezone=dt.UTC, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
            value = value + "T00:00:00"
        return super()._deserialize(value, attr, data, **kwargs)


DECIMAL_PATTERN = r"^[0-9]+(\.[0-9]+)?$"


class DecimalString(fields.Decimal):
    """An exact decimal as a JSON string in plain notation (`"10000000000"`, `"250.75"`), in
    and out, as its `pattern` says: a JSON number (which a client's float may already have
    rounded) or `"1e6"` is a 422. Non-negative and below 10^24 (the database's bounds)."""

    default_error_messages = {
        "bounds": "Must be a number >= 0 and < 10^24.",
        "notation": 'Must be a decimal string in plain notation, like "10000000000" or "250.75".',
    }

    def __init__(self, **kwargs) -> None:
        metadata = {"pattern": DECIMAL_PATTERN, **kwargs.pop("metadata", {})}
        super().__init__(as_string=True, allow_nan=False, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not (isinstance(value, str) and re.fullmatch(DECIMAL_PATTERN, value)):
            raise self.make_error("notation")
        number = super()._deserialize(value, attr, data, **kwargs)
        if number is not None and not (0 <= number < 10**24):
            raise self.make_error("bounds")
        return number

    def _serialize(self, value, attr, obj, **kwargs):
        """Plain notation (`"0.0000001"`, never `"1E-7"`), as the pattern says."""
        if value is None:
            return None
        return format(self._validated(value), "f")


class QueryList(fields.List):
    """A list in the query string, as repeated parameters (`?include=a&include=b`, what
    OpenAPI generators send) or comma-separated (`?include=a,b`, what people type)."""

    is_multiple = True  # webargs: collect every occurrence of the parameter

    def _deserialize(self, value, attr, data, **kwargs):
        values = value if isinstance(value, list | tuple) else [value]
        items = [part for v in values
                 for part in (v.split(",") if isinstance(v, str) else [v])]
        return super()._deserialize(items, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON `true` or `false` only (not 0, 1 or "yes")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value
