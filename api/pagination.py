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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

import marshmallow as ma
from flask import Response, request
from psycopg import Connection, ServerCursor
from psycopg.rows import dict_row

from api.db import connection
from api.errors import ApiError, invalid
from api.urls import public_url

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


#: Sort position of a record without a span (`coalesce(start, 2147483647)` in SQL): last.
NO_SPAN = 2**31 - 1


def positioned() -> tuple[Key, Key, Key]:
    """The keyset (article_id, start, id) of the lists in order of appearance in the body;
    records without a span come after the others."""
    return (Key("article_id", "after_article", int64),
            Key("start", "after_pos", int32, null=NO_SPAN), Key("id", "after_id", int64))


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
              after: Sequence[Any] | None, limit: int | None) -> list[dict]:
        """`limit` rows of the list in `sort` order, after the keyset `after` (every row
        for `limit=None`)."""
        query = getattr(self.queries, sort.query)
        return list(query(conn, **self.params(sort, filters, after, limit)))

    def sql(self, sort: Sort) -> str:
        """The SQL of `sort`'s query, with `%(name)s` placeholders (no final `;`, so it
        nests in `count`)."""
        return getattr(self.queries, sort.query).sql.strip().removesuffix(";")

    def stream(self, conn: Connection, sort: Sort, filters: Mapping[str, Any], *,
               after: Sequence[Any] | None = None) -> ServerCursor:
        """Every row of the list in `sort` order (after `after`) through a server-side
        cursor: the query is the page query without a limit, so the rows streamed are the
        rows paged. Use as a context manager, inside the connection's transaction."""
        cursor = conn.cursor(name="list_export", row_factory=dict_row)
        cursor.itersize = EXPORT_BATCH
        cursor.execute(self.sql(sort), self.params(sort, filters, after, None))
        return cursor

    def count(self, conn: Connection, sort: Sort, filters: Mapping[str, Any], *,
              estimated: bool = False) -> int:
        """How many rows match the filters (whatever the cursor): counted exactly, or the
        planner's estimate for the same query (`EXPLAIN`; for an unfiltered list that is
        the table's row estimate in pg_class), which costs no scan."""
        sql, params = self.sql(sort), self.params(sort, filters, None, None)
        if estimated:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
            rows = next(iter(plan.values()))[0]["Plan"]["Plan Rows"]
            return max(int(rows), 0)
        row = conn.execute(f"SELECT count(*) AS total FROM ({sql}) AS listed", params).fetchone()
        return int(row["total"])


def encode_cursor(sort: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort, "k": [str(v) if v is not None else None for v in key]})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _unparseable() -> ApiError:
    return invalid("cursor", "it cannot be parsed; send the next_cursor of a previous page "
                   "unchanged.", status=400)


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
        for value in (made_for, *key):  # JSON escapes can make lone surrogates: not text
            if isinstance(value, str):
                value.encode("utf-8")
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
        url = public_url(f"{request.path}?{urlencode(args, doseq=True)}")
        headers["Link"] = f'<{url}>; rel="next"'
    body = {"data": rows, "next_cursor": next_cursor, "has_more": has_more, **(extra or {})}
    return body, 200, headers


NDJSON = "application/x-ndjson"
EXPORT_BATCH = 500  # rows per FETCH of the export's server-side cursor (and per write)
PAGE_ONLY = ("limit", "count")  # parameters that make no sense for the export

Embed = Callable[[Connection, list[dict], Sequence[str]], None]


def wants_ndjson(args: Mapping[str, Any]) -> bool:
    """Whether the client asked for the NDJSON export: `format=ndjson`, or no `format` and an
    `Accept` header that prefers `application/x-ndjson` to JSON."""
    if args.get("format"):
        return args["format"] == "ndjson"
    best = request.accept_mimetypes.best_match(["application/json", NDJSON])
    return best == NDJSON and request.accept_mimetypes[NDJSON] > request.accept_mimetypes[
        "application/json"]


def paged_list(listing: Listing, args: Mapping[str, Any], *, schema: type[ma.Schema],
               default: str | None = None, fixed: Mapping[str, Any] | None = None,
               check: Callable[[Connection], None] | None = None,
               embed: Embed | None = None) -> Any:
    """Answer a list request: one page of `listing`, or with `format=ndjson` (or `Accept:
    application/x-ndjson`) every row as NDJSON.

    `args` are the validated query parameters (`sort`, `limit`, `cursor`, `count`, `format`,
    `include` and the filters); `fixed` are the filters of the URL path; `check(conn)` runs
    first (a 404 for a missing parent record); `embed(conn, rows, include)` adds the records
    asked for with `include` to a page (or a batch of the export) in one query per kind;
    `schema` is the item schema the export dumps rows with.
    """
    reserved = ("sort", "limit", "cursor", "count", "format", "include")
    filters = {k: v for k, v in args.items() if k not in reserved}
    filters.update(fixed or {})
    sort = listing.sort(args.get("sort"), filters, default)
    after = sort.decode(args.get("cursor"))
    include = tuple(args.get("include") or ())
    if wants_ndjson(args):
        for name in PAGE_ONLY:
            if name in request.args:
                raise invalid(name, "applies to pages; the NDJSON export streams every row.")
        return export(listing, sort, filters, after=after, schema=schema, check=check,
                      embed=embed if include else None, include=include)
    limit = args["limit"]
    extra: dict[str, Any] = {}
    with connection(readonly=True) as conn:
        if check is not None:
            check(conn)
        rows = listing.fetch(conn, sort, filters, after=after, limit=limit + 1)
        if embed is not None and include:
            embed(conn, rows[:limit], include)
        if args.get("count"):
            extra["total"] = listing.count(conn, sort, filters,
                                           estimated=args["count"] == "estimated")
    return page(rows, limit, sort, extra)


def export(listing: Listing, sort: Sort, filters: Mapping[str, Any], *,
           after: Sequence[Any] | None, schema: type[ma.Schema],
           check: Callable[[Connection], None] | None, embed: Embed | None,
           include: Sequence[str]) -> Response:
    """Stream every row of `listing` (after `after`, if given) as NDJSON, one JSON object per
    line, in `sort` order, dumped with `schema`.

    The rows come through a server-side cursor in batches of EXPORT_BATCH, so memory stays
    constant however many rows match. The first batch is read before the response starts, so
    a missing parent record or a failing query is still a problem+json error; a failure after
    that (say, the database going away) ends the stream early, without the final newline of a
    complete line. The connection is held until the stream ends or the client disconnects.
    """
    dump = schema().dump
    stack = ExitStack()
    try:
        conn = stack.enter_context(connection(readonly=True))
        # Reads run in autocommit; a server-side cursor lives in a transaction (one snapshot
        # for the whole export, too).
        stack.enter_context(conn.transaction())
        if check is not None:
            check(conn)
        cursor = stack.enter_context(listing.stream(conn, sort, filters, after=after))
        first = cursor.fetchmany(EXPORT_BATCH)
    except BaseException:
        stack.close()
        raise

    def lines() -> Iterator[str]:
        try:
            batch = first
            while batch:
                if embed is not None:
                    embed(conn, batch, include)
                yield "".join(json.dumps(dump(row), ensure_ascii=False, separators=(",", ":"))
                              + "\n" for row in batch)
                batch = cursor.fetchmany(EXPORT_BATCH)
        finally:  # the last row sent (or the stream closed): the connection goes back now
            stack.close()

    response = Response(lines(), mimetype=NDJSON)
    response.call_on_close(stack.close)  # a stream closed before it started
    return response
