"""Data access for financial figures."""

from __future__ import annotations

from psycopg import Connection

from api.queries import load

queries = load("financial_figures")

FIGURE_FIELDS = (
    "article_id", "kind", "value", "currency", "text", "measures", "sentence", "start", "end",
    "related_figure_id", "method", "confidence", "source",
)


def insert_figure(conn: Connection, figure: dict) -> int:
    return queries.insert_figure(conn, **{key: figure.get(key) for key in FIGURE_FIELDS})


def set_related(conn: Connection, figure_id: int, related_id: int | None) -> None:
    queries.set_related_figure(conn, id=figure_id, related_figure_id=related_id)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_figures(conn, article_id=article_id)
