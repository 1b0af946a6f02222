"""Keyset (cursor) pagination: the one mechanism behind every list and its NDJSON export.

A list is a `Listing`: the named queries of a resource, the filter parameters they take, and
its `Sort` orders. A `Sort` names the query that reads the list in that order and its keyset,
the `Key` columns (row field, query parameter, cursor parser) that the order is unique on.
A cursor encodes the sort name and the keyset of the last row of a page; the next page's
query continues strictly after that key using an index, so the cost of page N does not grow
with N. The export runs the same query without a limit through a server-side cursor, so the
rows exported are exactly the rows paged, in the same order.

Every list query takes its filters, one parameter per key (all NULL on the first page) and
`limit` (page size + 1, so that `has_more` needs no second query; NULL for the export).

Errors: a cursor that cannot be parsed is a 400 naming `cursor`; a cursor made for another
sort order, or a sort that needs a missing parameter (`relevance` without `q`), is a 422.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from flask import request
from psycopg import Connection

from api.db import connection
from api.errors import ApiError, invalid

Converter = Callable[[Any], Any]


# Cursor value parsers: each raises ValueError (hence a 400) on a value its column cannot hold.

def int32(value: str) -> int:
    """An integer column's cursor value."""
    number = int(value)
    if not -(2**31) <= number < 2**31:
        raise ValueError(value)
    return number


def int64(value: str) -> int:
    """A bigint column's cursor value."""
    number = int(value)
    if not -(2**63) <= number < 2**63:
        raise ValueError(value)
    return number


def decimal(value: str) -> Decimal:
    """A numeric column's cursor value (finite)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def timestamp(value: str) -> datetime:
    """A timestamptz column's cursor value."""
    return datetime.fromisoformat(value)


def real(value: str) -> float:
    """A real (float4) column's cursor value, such as a rank or similarity score."""
    return float(value)


def text(value: str) -> str:
    """A text column's cursor value."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(value)
    return value


def choice(*allowed: str) -> Converter:
    """A cursor value that must be one of `allowed` (e.g. a record type)."""
    def parse(value: str) -> str:
        if value not in allowed:
            raise ValueError(value)
        return value
    return parse


@dataclass(frozen=True)
class Key:
    """One column of a keyset: the row `field` it is read from, the query parameter `param`
    its cursor value is bound to, the `parse` function turning the cursor's text back into
    a typed value, and `null`, the value the query sorts a NULL as (its `coalesce`)."""

    field: str
    param: str
    parse: Converter
    null: Any = None

    def of(self, row: Mapping[str, Any]) -> Any:
        value = row[self.field]
        return self.null if value is None else value


def created(*, param: str = "after_at") -> tuple[Key, Key]:
    """The keyset (created_at, id) of the lists sorted by creation time."""
    return (Key("created_at", param, timestamp), Key("id", "after_id", int64))


@dataclass(frozen=True)
class Sort:
    """A sort order of a list: its `?sort=` name, the named query reading the list in this
    order, its keyset, and the query parameter it needs (`relevance` needs `q`)."""

    name: str
    query: str
    keys: tuple[Key, ...]
    needs: str | None = None

    def key(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        """The keyset of `row`: what the cursor after it encodes."""
        return tuple(key.of(row) for key in self.keys)

    def bind(self, after: Sequence[Any] | None) -> dict[str, Any]:
        """The query parameters of the keyset `after` (all NULL for the first page)."""
        values = list(after) if after is not None else [None] * len(self.keys)
        return {key.param: value for key, value in zip(self.keys, values, strict=True)}

    def encode(self, row: Mapping[str, Any]) -> str:
        return encode_cursor(self.name, self.key(row))

    def decode(self, cursor: str | None) -> list | None:
        return decode_cursor(cursor, self.name, [key.parse for key in self.keys])


@dataclass(frozen=True)
class Listing:
    """A list resource: its named `queries`, the `filters` every query of it takes, and its
    sort orders (the first is the default unless the view names another)."""

    queries: Any
    filters: tuple[str, ...]
    sorts: tuple[Sort, ...]
    by_name: dict[str, Sort] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {sort.name: sort for sort in self.sorts})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.by_name)

    def sort(self, requested: str | None, args: Mapping[str, Any],
             default: str | None = None) -> Sort:
        """The sort asked for, else `relevance` when the list has one and its `q` is given,
        else `default` (or the first). A sort whose needed parameter is missing is a 422."""
        if requested is None:
            relevance = self.by_name.get("relevance")
            if relevance is not None and args.get(relevance.needs or ""):
                return relevance
            return self.by_name[default] if default else self.sorts[0]
        sort = self.by_name.get(requested)
        if sort is None:
            raise invalid("sort", f"must be one of {', '.join(self.names)}.")
        if sort.needs and not args.get(sort.needs):
            raise invalid("sort", f"'{sort.name}' needs the '{sort.needs}' parameter.")
        return sort

    def params(self, sort: Sort, filters: Mapping[str, Any], after: Sequence[Any] | None,
               limit: int | None) -> dict[str, Any]:
        """Every parameter of `sort`'s query: the filters (NULL when not given), the keyset
        and the limit."""
        return {**{name: filters.get(name) for name in self.filters}, **sort.bind(after),
                "limit": limit}

    def fetch(self, conn: Connection, sort: Sort, filters: Mapping[str, Any], *,
              after: Sequence[Any] | None, limit: int) -> list[dict]:
        """`limit` rows of the list in `sort` order, after the keyset `after`."""
        query = getattr(self.queries, sort.query)
        return list(query(conn, **self.params(sort, filters, after, limit)))


def encode_cursor(sort: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort, "k": [str(v) if v is not None else None for v in key]})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _unparseable() -> ApiError:
    return ApiError(
        400,
        "Invalid value for 'cursor': use the next_cursor of a previous page unchanged.",
        errors={"cursor": ["Invalid cursor."]},
    )


def decode_cursor(cursor: str | None, sort: str, converters: Sequence[Converter]) -> list | None:
    """The decoded keyset, or None for the first page: 400 when the cursor cannot be parsed,
    422 when it was made for another sort order."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        made_for = payload.get("s")
        key = payload["k"]
        if not isinstance(key, list) or not isinstance(made_for, str):
            raise ValueError
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error, UnicodeError):
        raise _unparseable() from None
    if made_for != sort:
        raise invalid("cursor", f"it was made for sort '{made_for}', not '{sort}'; "
                      "send it with the sort of the page it came from.")
    try:
        if len(key) != len(converters):
            raise ValueError
        return [None if v is None else conv(v) for conv, v in zip(converters, key, strict=True)]
    except (ValueError, TypeError, ArithmeticError):
        raise _unparseable() from None


def page(rows: list[dict], limit: int, sort: Sort,
         extra: Mapping[str, Any] | None = None) -> tuple[dict, int, dict[str, str]]:
    """The list envelope from `limit + 1` fetched rows, with a `Link` header to the next page."""
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = sort.encode(rows[-1]) if has_more and rows else None
    headers: dict[str, str] = {}
    if next_cursor:
        args = request.args.to_dict(flat=False)
        args["cursor"] = [next_cursor]
        url = f"{request.base_url}?{urlencode(args, doseq=True)}"
        headers["Link"] = f'<{url}>; rel="next"'
    body = {"data": rows, "next_cursor": next_cursor, "has_more": has_more, **(extra or {})}
    return body, 200, headers


def paged_list(listing: Listing, args: Mapping[str, Any], *, default: str | None = None,
               fixed: Mapping[str, Any] | None = None,
               check: Callable[[Connection], None] | None = None,
               ) -> tuple[dict, int, dict[str, str]]:
    """One page of `listing` for the validated query `args` (`sort`, `limit`, `cursor` and
    filters) plus the `fixed` filters of the URL path; `check(conn)` runs first (a 404 for a
    missing parent record)."""
    filters = {k: v for k, v in args.items() if k not in ("sort", "limit", "cursor")}
    filters.update(fixed or {})
    sort = listing.sort(args.get("sort"), filters, default)
    after = sort.decode(args.get("cursor"))
    limit = args["limit"]
    with connection(readonly=True) as conn:
        if check is not None:
            check(conn)
        rows = listing.fetch(conn, sort, filters, after=after, limit=limit + 1)
    return page(rows, limit, sort)


def batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    """`rows` in lists of at most `size`."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
