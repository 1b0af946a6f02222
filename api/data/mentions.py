"""Data access for mentions (spans of people and organizations in articles)."""

from __future__ import annotations

from psycopg import Connection

from api.queries import load

queries = load("mentions")


def add_mentions(
    conn: Connection, article_id: int, spans: list[dict], body: str, *, source: str,
    person_id: int | None = None, organization_id: int | None = None,
) -> None:
    for span in spans:
        queries.insert_mention(
            conn, article_id=article_id, person_id=person_id, organization_id=organization_id,
            start=span["start"], end=span["end"], text=body[span["start"]:span["end"]],
            source=source,
        )


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_mentions(conn, article_id=article_id)
