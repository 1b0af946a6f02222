"""Data access for financial figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from psycopg import Connection

from api.data.keysets import SortTable, decimal, int32, int64, run_sorted
from api.queries import load

queries = load("financial_figures")

FIGURE_FIELDS = (
    "article_id", "kind", "value", "currency", "text", "measures", "sentence", "start", "end",
    "related_figure_id", "method", "confidence", "source",
)
UPDATABLE = (
    "kind", "value", "currency", "text", "measures", "sentence", "start", "end",
    "related_figure_id", "method", "confidence",
)
FILTERS = (
    "article_id", "kind", "currency", "min_value", "max_value", "person_id", "organization_id",
    "published_from", "published_to",
)
NO_SPAN = 2**31 - 1  # sort position of a figure without a span: after all others


SORTS: SortTable = {
    "-created_at": ("list_figures_newest", ("after_at", "after_id"),
                    (datetime.fromisoformat, int64)),
    "created_at": ("list_figures_oldest", ("after_at", "after_id"),
                   (datetime.fromisoformat, int64)),
    "value": ("list_figures_value_asc", ("after_value", "after_id"), (decimal, int64)),
    "-value": ("list_figures_value_desc", ("after_value", "after_id"), (decimal, int64)),
    "position": ("list_figures_position", ("after_article", "after_pos", "after_id"),
                 (int64, int32, int64)),
}


def list_figures(
    conn: Connection, *, sort: str, limit: int, after: Sequence[Any] | None, **filters: Any
) -> list[dict]:
    """One page (`limit` rows) of figures after the keyset `after`, in `sort` order."""
    return run_sorted(queries, SORTS, FILTERS, conn, sort=sort, limit=limit, after=after,
                      filters=filters)


def sort_key(sort: str, row: dict) -> tuple:
    """The keyset of a row for `sort`."""
    if sort in ("value", "-value"):
        return (row["value"], row["id"])
    if sort == "position":
        start = row["start"] if row["start"] is not None else NO_SPAN
        return (row["article_id"], start, row["id"])
    return (row["created_at"], row["id"])


def parse_key(sort: str) -> tuple[Callable[[Any], Any], ...]:
    """Converters that turn a decoded cursor back into typed values for `sort`."""
    return SORTS[sort][2]


def list_for_article(conn: Connection, article_id: int) -> list[dict]:
    """All figures of an article, in order of appearance in its body."""
    return list(queries.figures_for_article(conn, article_id=article_id))


def get_figure(conn: Connection, figure_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_figure(conn, id=figure_id) is None:
        return None
    return queries.get_figure(conn, id=figure_id)


def insert_figure(conn: Connection, figure: dict) -> int:
    return queries.insert_figure(conn, **{key: figure.get(key) for key in FIGURE_FIELDS})


def update_figure(conn: Connection, figure_id: int, values: dict) -> None:
    queries.update_figure(conn, id=figure_id, **{key: values.get(key) for key in UPDATABLE})


def delete_figure(conn: Connection, figure_id: int) -> None:
    queries.delete_figure(conn, id=figure_id)


def set_related(conn: Connection, figure_id: int, related_id: int | None) -> None:
    queries.set_related_figure(conn, id=figure_id, related_figure_id=related_id)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_figures(conn, article_id=article_id)


def figure_article_id(conn: Connection, figure_id: int) -> int | None:
    """The article of a figure, or None when there is no such figure."""
    return queries.figure_article_id(conn, id=figure_id)


def article_body_length(conn: Connection, article_id: int) -> int | None:
    """The article's body length in code points, or None when there is no such article."""
    return queries.article_body_length(conn, article_id=article_id)


def currency_exists(conn: Connection, code: str) -> bool:
    """Whether `code` is an ISO 4217 code in the currencies table."""
    return bool(queries.currency_exists(conn, code=code))
