"""flask-smorest Blueprint with conditional requests as RFC 9110 has them.

Every item view uses `@blp.etag`. GET returns an ETag; PATCH and DELETE compare `If-Match`
with the record's current ETag (412 on a stale one). If-Match is optional: a client that
does not send it gets "last write wins", one that sends it gets safe concurrent edits.
Views call `check_etag` while holding a row lock, so of concurrent writers with the same
ETag exactly one wins.

An ETag is derived from versions, not from a re-serialised body: the record's id and
`updated_at` (for an article also its counts), the `include` set, and the versions of the
embedded records (their `updated_at`; for an embedded list its length, newest `updated_at`
and newest id), so that it changes whenever any part of the representation does. The tags
are strong. `If-None-Match` uses the weak comparison (`W/"x"` matches `"x"`; a 304 carries
the ETag), `If-Match` the strong one (a `W/` tag never matches); both take lists and `*`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask import request
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest.exceptions import NotModified
from webargs.flaskparser import FlaskParser

NDJSON_TYPES = frozenset({"application/x-ndjson", "application/jsonl"})


class StrictParser(FlaskParser):
    """Leaves unknown-field handling to the schemas (StrictSchema raises), so that an unknown
    query parameter is a 422 naming it rather than silently ignored.

    A schema whose Meta names an `ndjson_field` also takes an NDJSON body: each non-blank line
    becomes one element of that list field (a line that is not JSON becomes an
    `api.ingest_jobs.LineError`, for the view to report with its line)."""

    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}

    def load_json(self, req, schema):  # type: ignore[override]
        field = getattr(getattr(schema, "Meta", None), "ndjson_field", None)
        if field and req.mimetype in NDJSON_TYPES:
            return {field: parse_ndjson(req.get_data(cache=True))}
        return super().load_json(req, schema)

    def _raw_load_json(self, req):  # type: ignore[override]
        """JSON that the parser refuses with a plain ValueError rather than a syntax error
        (an integer of more than 4,300 digits) is a 400 like any other invalid JSON."""
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except ValueError:
            from api.errors import ApiError

            raise ApiError(400, "The request body is not valid JSON: a number in it has more "
                           f"than {sys.get_int_max_str_digits()} digits.") from None


def parse_ndjson(raw: bytes) -> list:
    """The documents of an NDJSON body, in order; blank lines are skipped."""
    import json

    from api.ingest_jobs import MAX_NDJSON_LINES, LineError
    from api.limits import MAX_JSON_DEPTH, json_depth

    items: list = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        if len(items) >= MAX_NDJSON_LINES:
            from api.errors import ApiError

            raise ApiError(422, f"An NDJSON upload holds at most {MAX_NDJSON_LINES} articles.",
                           errors={"articles": [f"More than {MAX_NDJSON_LINES} lines."]})
        try:
            if json_depth(line) > MAX_JSON_DEPTH:
                raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
            document = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
            items.append(LineError(f"line {number} is not a JSON document: {reason}"))
            continue
        items.append(document if isinstance(document, dict)
                     else LineError(f"line {number} is not a JSON object"))
    return items


def request_body_schema(schema: type[ma.Schema] | ma.Schema) -> ma.Schema:
    """The schema a JSON body is loaded with: the resource's schema without its read-only
    fields, so the document has separate request and response shapes (`PersonCreate`,
    `PersonUpdate` and `Person`) and no generated request model offers `id` or `created_at`.
    Sending a read-only field is still a 422 naming it (an unknown field)."""
    instance = schema() if isinstance(schema, type) else schema
    read_only = {name for name, field in instance.fields.items() if field.dump_only}
    if read_only:
        instance = type(instance)(
            only=instance.only, exclude=tuple(sorted(set(instance.exclude) | read_only)),
            partial=instance.partial, many=instance.many,
        )
        instance.request_body = True  # type: ignore[attr-defined]  # see api.openapi.schema_name
    _json_integers(instance)
    return instance


def _json_integers(schema: ma.Schema) -> None:
    """Integer fields of a JSON body take JSON integers only: not `2.5`, `1e-42` or `"7"`
    (a query string's integers are text, so only bodies are strict)."""
    for field in schema.fields.values():
        inner = field.inner if isinstance(field, ma.fields.List) else field
        if isinstance(inner, ma.fields.Integer):
            inner.strict = True
        elif isinstance(inner, ma.fields.Nested) and isinstance(inner.schema, ma.Schema):
            _json_integers(inner.schema)


def _version_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()  # microseconds: two updates in one second differ
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not a version: {value!r}")


def collection_version(rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The version of an embedded list: its length, the newest `updated_at`, the newest id
    (a mention group's newest mention id) and the number of spans, which together change on
    any insert, update or delete."""
    return [len(rows),
            max((row["updated_at"] for row in rows if row.get("updated_at")), default=None),
            max((row.get("last_mention_id", row.get("id")) or 0 for row in rows), default=None),
            sum(row.get("count", 1) for row in rows)]


def record_version(row: Mapping[str, Any], *extra: Any) -> list[Any]:
    """The version of a record: its id and `updated_at`, plus `extra` parts."""
    return [row["id"], row["updated_at"], *extra]


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = StrictParser()

    @staticmethod
    def _generate_etag(etag_data: Any, extra_data: Iterable | None = None) -> str:
        """A hash of version data (ids, timestamps with microseconds, counts)."""
        if extra_data:
            etag_data = (etag_data, extra_data)
        data = json.dumps(etag_data, sort_keys=True, default=_version_text)
        return hashlib.sha1(data.encode()).hexdigest()

    def _check_not_modified(self, etag: str) -> None:
        """304, with the ETag, when If-None-Match matches by the weak comparison."""
        if (request.method in self.METHODS_CHECKING_NOT_MODIFIED
                and request.if_none_match.contains_weak(etag)):
            error = NotModified()
            error.data = {"headers": {"ETag": f'"{etag}"'}}  # type: ignore[attr-defined]
            raise error

    def arguments(self, schema, *, location: str = "json", **kwargs):  # type: ignore[override]
        """`@blp.arguments`, with JSON bodies loaded by `request_body_schema`; a schema
        class is instantiated here, once (webargs would build one per request)."""
        if location == "json":
            schema = request_body_schema(schema)
        elif isinstance(schema, type):
            schema = schema()
        return super().arguments(schema, location=location, **kwargs)

    def _check_precondition(self) -> None:
        """If-Match is optional (no 428)."""

    def check_etag(self, etag_data, etag_schema=None) -> None:  # type: ignore[override]
        if request.if_match:
            super().check_etag(etag_data, etag_schema)
        else:
            from flask_smorest.etag import _get_etag_ctx

            _get_etag_ctx()["etag_checked"] = True

    def _prepare_etag_doc(self, doc, doc_info, **kwargs):  # type: ignore[override]
        doc = super()._prepare_etag_doc(doc, doc_info, **kwargs)
        doc.get("responses", {}).pop(428, None)
        return doc
