"""Data access for search across articles, quotes, people and organizations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Connection

from api.data.keysets import int64
from api.queries import load

queries = load("search")

TYPES = ("article", "person", "organization", "quote")


def result_type(value: str) -> str:
    """A cursor's record type (ValueError, hence 400, when unknown)."""
    if value not in TYPES:
        raise ValueError(value)
    return value


KEY_CONVERTERS = (float, result_type, int64)


def search(
    conn: Connection, q: str, types: Sequence[str], *, limit: int, after: Sequence[Any] | None
) -> list[dict]:
    """One page of matches of `q` in the record `types`, best first, after the keyset."""
    after_rank, after_type, after_id = after or (None, None, None)
    return list(queries.search(
        conn, q=q, want_articles="article" in types, want_quotes="quote" in types,
        want_people="person" in types, want_organizations="organization" in types,
        after_rank=after_rank, after_type=after_type, after_id=after_id, limit=limit,
    ))


def sort_key(row: dict) -> tuple[float, str, int]:
    return (row["rank"], row["type"], row["id"])
