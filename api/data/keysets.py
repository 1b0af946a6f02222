"""Keyset pagination helpers shared by the list queries: cursor value converters, the
keysets of the people and organization lists, and a runner for lists whose sorts map to
named queries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from psycopg import Connection

Converter = Callable[[Any], Any]
# sort -> (query name, keyset parameter names, cursor converters)
SortTable = dict[str, tuple[str, tuple[str, ...], tuple[Converter, ...]]]


def int32(value: str) -> int:
    """A cursor value for an integer column (ValueError, hence 400, when out of range)."""
    number = int(value)
    if not -(2**31) <= number < 2**31:
        raise ValueError(value)
    return number


def int64(value: str) -> int:
    """A cursor value for a bigint column (ValueError, hence 400, when out of range)."""
    number = int(value)
    if not -(2**63) <= number < 2**63:
        raise ValueError(value)
    return number


def decimal(value: str) -> Decimal:
    """A cursor value for a numeric column (ValueError, hence 400, when invalid)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def run_sorted(queries: Any, sorts: SortTable, filter_names: Sequence[str], conn: Connection,
               *, sort: str, limit: int, after: Sequence[Any] | None,
               filters: dict[str, Any]) -> list[dict]:
    """Run the named query of `sort` for one page after the keyset `after`."""
    name, keys, _ = sorts[sort]
    keyset = dict(zip(keys, after or [None] * len(keys), strict=True))
    args = {key: filters.get(key) for key in filter_names}
    return list(getattr(queries, name)(conn, limit=limit, **args, **keyset))


def sort_key(sort: str, row: dict) -> tuple[Any, ...]:
    """The keyset of a row for `sort` (`name`, `-created_at`, `relevance`, `articles`)."""
    if sort == "relevance":
        return (row["score"], row["id"])
    if sort == "name":
        return (row["name"], row["id"])
    if sort == "articles":
        return (row["articles"], row["type"], row["id"])
    if sort == "-published_at":
        return (row["sort_at"], row["id"])
    if sort == "id":
        return (row["id"],)
    return (row["created_at"], row["id"])


def parse_key(sort: str) -> tuple:
    """Converters that turn a decoded cursor back into typed values for `sort`."""
    return {
        "relevance": (float, int),
        "name": (str, int),
        "articles": (int, str, int),
        "-published_at": (datetime.fromisoformat, int),
        "id": (int,),
    }.get(sort, (datetime.fromisoformat, int))
