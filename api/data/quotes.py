"""Data access for quotes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from psycopg import Connection

from api.data.keysets import SortTable, int32, int64, run_sorted
from api.queries import load

queries = load("quotes")

QUOTE_FIELDS = (
    "article_id", "speaker_person_id", "speaker_organization_id", "speaker_name", "text",
    "verb", "start", "end", "method", "confidence", "source",
)
UPDATABLE = (
    "speaker_person_id", "speaker_organization_id", "speaker_name", "text", "verb", "start",
    "end", "method", "confidence",
)
FILTERS = (
    "speaker_person_id", "speaker_organization_id", "article_id", "q", "verb",
    "published_from", "published_to",
)
NO_SPAN = 2**31 - 1  # sort position of a quote without a span: after all others


SORTS: SortTable = {
    "-created_at": ("list_quotes_newest", ("after_at", "after_id"),
                    (datetime.fromisoformat, int64)),
    "created_at": ("list_quotes_oldest", ("after_at", "after_id"),
                   (datetime.fromisoformat, int64)),
    "position": ("list_quotes_position", ("after_article", "after_pos", "after_id"),
                 (int64, int32, int64)),
    "relevance": ("list_quotes_relevance", ("after_rank", "after_id"), (float, int64)),
}


def list_quotes(
    conn: Connection, *, sort: str, limit: int, after: Sequence[Any] | None, **filters: Any
) -> list[dict]:
    """One page (`limit` rows) of quotes after the keyset `after`, in `sort` order."""
    return run_sorted(queries, SORTS, FILTERS, conn, sort=sort, limit=limit, after=after,
                      filters=filters)


def sort_key(sort: str, row: dict) -> tuple:
    """The keyset of a row for `sort`."""
    if sort == "relevance":
        return (row["rank"], row["id"])
    if sort == "position":
        start = row["start"] if row["start"] is not None else NO_SPAN
        return (row["article_id"], start, row["id"])
    return (row["created_at"], row["id"])


def parse_key(sort: str) -> tuple[Callable[[Any], Any], ...]:
    """Converters that turn a decoded cursor back into typed values for `sort`."""
    return SORTS[sort][2]


def list_for_article(conn: Connection, article_id: int) -> list[dict]:
    """All quotes of an article, in order of appearance in its body."""
    return list(queries.quotes_for_article(conn, article_id=article_id))


def get_quote(conn: Connection, quote_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_quote(conn, id=quote_id) is None:
        return None
    return queries.get_quote(conn, id=quote_id)


def insert_quote(conn: Connection, quote: dict) -> int:
    return queries.insert_quote(conn, **{key: quote.get(key) for key in QUOTE_FIELDS})


def update_quote(conn: Connection, quote_id: int, values: dict) -> None:
    queries.update_quote(conn, id=quote_id, **{key: values.get(key) for key in UPDATABLE})


def delete_quote(conn: Connection, quote_id: int) -> None:
    queries.delete_quote(conn, id=quote_id)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_quotes(conn, article_id=article_id)


def article_body_length(conn: Connection, article_id: int) -> int | None:
    """The article's body length in code points, or None when there is no such article."""
    return queries.article_body_length(conn, article_id=article_id)


def person_exists(conn: Connection, person_id: int) -> bool:
    return bool(queries.person_exists(conn, id=person_id))


def organization_exists(conn: Connection, organization_id: int) -> bool:
    return bool(queries.organization_exists(conn, id=organization_id))
