"""Data access for mentions (spans of people and organizations in articles)."""

from __future__ import annotations

from psycopg import Connection

from api.pagination import Key, Listing, Sort, int32, int64
from api.queries import load

queries = load("mentions")


def _by_first_mention(query: str, entity_id: str) -> tuple[Sort, ...]:
    return (Sort("first_mention", query, (Key("first_start", "after_start", int32),
                                          Key(entity_id, "after_id", int64))),)


#: The people and the organizations an article names, by first mention (each entity once,
#: with all its spans); the `person_id`/`organization_id` filter narrows to one entity.
PEOPLE = Listing(queries, filters=("article_id", "person_id"),
                 sorts=_by_first_mention("people_mentioned", "person_id"))
ORGANIZATIONS = Listing(queries, filters=("article_id", "organization_id"),
                        sorts=_by_first_mention("organizations_mentioned",
                                                          "organization_id"))


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


def people_for_article(conn: Connection, article_id: int) -> list[dict]:
    """Every person an article names, by first mention: article_id, person_id, name,
    description, spans [{start, end}], count."""
    return PEOPLE.fetch(conn, PEOPLE.sorts[0], {"article_id": article_id}, after=None,
                        limit=None)


def organizations_for_article(conn: Connection, article_id: int) -> list[dict]:
    """Every organization an article names, by first mention: article_id, organization_id,
    name, kind, spans [{start, end}], count."""
    return ORGANIZATIONS.fetch(conn, ORGANIZATIONS.sorts[0], {"article_id": article_id},
                               after=None, limit=None)


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


def manual_past(conn: Connection, article_id: int, length: int) -> list[dict]:
    """Mentions of the article entered by hand whose span ends past `length`."""
    return list(queries.manual_mentions_past(conn, article_id=article_id, length=length))


def delete_matched_past(conn: Connection, article_id: int, length: int) -> None:
    """Drop the mentions matched by name that end past `length`."""
    queries.delete_matched_mentions_past(conn, article_id=article_id, length=length)
