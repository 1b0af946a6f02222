"""Data access for mentions (spans of people and organizations in articles)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Connection

from api.queries import load

queries = load("mentions")


def add_mentions(
    conn: Connection, article_id: int, spans: list[dict], body: str, *, source: str,
    person_id: int | None = None, organization_id: int | None = None,
) -> None:
    """Store spans of one entity in one batch (psycopg pipelines `executemany`: a single
    round trip instead of one per span)."""
    rows = [
        {"article_id": article_id, "person_id": person_id, "organization_id": organization_id,
         "start": span["start"], "end": span["end"], "text": body[span["start"]:span["end"]],
         "source": source}
        for span in spans
    ]
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(queries.insert_mention.sql, rows)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_mentions(conn, article_id=article_id)


def list_people(
    conn: Connection, article_id: int, *, limit: int | None, after: Sequence[Any] | None
) -> list[dict]:
    """People an article names, by first mention, each with all its spans."""
    after_start, after_id = after or (None, None)
    return list(queries.people_mentioned(
        conn, article_id=article_id, person_id=None, after_start=after_start,
        after_id=after_id, limit=limit,
    ))


def list_organizations(
    conn: Connection, article_id: int, *, limit: int | None, after: Sequence[Any] | None
) -> list[dict]:
    """Organizations an article names, by first mention, each with all its spans."""
    after_start, after_id = after or (None, None)
    return list(queries.organizations_mentioned(
        conn, article_id=article_id, organization_id=None, after_start=after_start,
        after_id=after_id, limit=limit,
    ))


def people_for_article(conn: Connection, article_id: int) -> list[dict]:
    """Every person an article names, by first mention: article_id, person_id, name,
    description, spans [{start, end}], count."""
    return list_people(conn, article_id, limit=None, after=None)


def organizations_for_article(conn: Connection, article_id: int) -> list[dict]:
    """Every organization an article names, by first mention: article_id, organization_id,
    name, kind, spans [{start, end}], count."""
    return list_organizations(conn, article_id, limit=None, after=None)


def get_mention(
    conn: Connection, article_id: int, *, person_id: int | None = None,
    organization_id: int | None = None, lock: bool = False,
) -> dict | None:
    """One entity's mentions in an article (None when the article does not name it)."""
    if any(i is not None and not 0 < i < 2**63 for i in (article_id, person_id, organization_id)):
        return None  # no such id can exist
    if lock and not list(queries.lock_mentions(
        conn, article_id=article_id, person_id=person_id, organization_id=organization_id
    )):
        return None
    if person_id is not None:
        rows = queries.people_mentioned(conn, article_id=article_id, person_id=person_id,
                                        after_start=None, after_id=None, limit=1)
    else:
        rows = queries.organizations_mentioned(
            conn, article_id=article_id, organization_id=organization_id, after_start=None,
            after_id=None, limit=1,
        )
    return next(iter(rows), None)


def delete_mentions(
    conn: Connection, article_id: int, *, person_id: int | None = None,
    organization_id: int | None = None,
) -> None:
    queries.delete_mentions(
        conn, article_id=article_id, person_id=person_id, organization_id=organization_id
    )


def article_body(conn: Connection, article_id: int) -> str | None:
    return queries.article_body(conn, article_id=article_id)


def article_exists(conn: Connection, article_id: int) -> bool:
    return bool(queries.article_exists(conn, article_id=article_id))


def person_exists(conn: Connection, person_id: int) -> bool:
    return bool(queries.person_exists(conn, id=person_id))


def organization_exists(conn: Connection, organization_id: int) -> bool:
    return bool(queries.organization_exists(conn, id=organization_id))
