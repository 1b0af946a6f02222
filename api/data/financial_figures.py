"""Data access for financial figures."""

from __future__ import annotations

from psycopg import Connection

from api.pagination import Key, Listing, Sort, created, decimal, int64, positioned
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

_BY_VALUE = (Key("value", "after_value", decimal), Key("id", "after_id", int64))
#: Every list of financial figures (`/v1/financial-figures`, an article's).
LISTING = Listing(
    queries,
    filters=FILTERS,
    sorts=(
        Sort("-created_at", "list_figures_newest", created()),
        Sort("created_at", "list_figures_oldest", created()),
        Sort("value", "list_figures_value_asc", _BY_VALUE),
        Sort("-value", "list_figures_value_desc", _BY_VALUE),
        Sort("position", "list_figures_position",
             positioned()),
    ),
)


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


def manual_past(conn: Connection, article_id: int, length: int) -> list[dict]:
    """Figures of the article entered by hand whose span ends past `length`."""
    return list(queries.manual_figures_past(conn, article_id=article_id, length=length))
