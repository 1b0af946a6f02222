"""Data access for quotes."""

from __future__ import annotations

from psycopg import Connection

from api.queries import load

queries = load("quotes")

QUOTE_FIELDS = (
    "article_id", "speaker_person_id", "speaker_organization_id", "speaker_name", "text",
    "verb", "start", "end", "method", "confidence", "source",
)


def insert_quote(conn: Connection, quote: dict) -> int:
    return queries.insert_quote(conn, **{key: quote.get(key) for key in QUOTE_FIELDS})


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_quotes(conn, article_id=article_id)
