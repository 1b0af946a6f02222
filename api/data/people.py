"""Data access for people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from psycopg import Connection
from psycopg.types.json import Jsonb

from api.queries import load

queries = load("people")


def match_person(conn: Connection, names: list[str]) -> dict | None:
    """The first existing person whose name or alias equals one of `names`."""
    for name in names:
        row = queries.match_person(conn, name=name)
        if row is not None:
            return row
    return None


def upsert_person(conn: Connection, person: dict) -> int:
    """Match `person` to an existing record by name or alias (adding new aliases), or create it."""
    names = [person["name"], *person.get("aliases", [])]
    existing = match_person(conn, names)
    if existing is None:
        return insert_person(conn, person)
    queries.add_person_aliases(
        conn, id=existing["id"], aliases=[n for n in names if n != existing["name"]],
        description=person.get("description"),
    )
    return existing["id"]


def insert_person(conn: Connection, person: dict) -> int:
    return queries.insert_person(
        conn,
        name=person["name"],
        aliases=list(dict.fromkeys(person.get("aliases") or [])),
        description=person.get("description"),
        external_ids=Jsonb(person.get("external_ids") or {}),
    )


def get_person(conn: Connection, person_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_person(conn, id=person_id) is None:
        return None
    return queries.get_person(conn, id=person_id)


def update_person(conn: Connection, current: dict, changes: dict[str, Any]) -> None:
    row = {key: changes.get(key, current[key])
           for key in ("name", "aliases", "description", "external_ids")}
    row["aliases"] = list(dict.fromkeys(row["aliases"]))
    row["external_ids"] = Jsonb(row["external_ids"])
    queries.update_person(conn, id=current["id"], **row)


def delete_person(conn: Connection, person_id: int) -> None:
    queries.delete_person(conn, id=person_id)


LIST_SORTS = ("name", "-name", "created_at", "-created_at", "relevance")


def list_sort_key(sort: str, row: dict) -> tuple[Any, int]:
    """The keyset of a people or organization list row for `sort` (one of LIST_SORTS)."""
    if sort == "relevance":
        return (row["score"], row["id"])
    if sort in ("name", "-name"):
        return (row["name"], row["id"])
    return (row["created_at"], row["id"])


def list_parse_key(sort: str) -> tuple[Callable[[str], Any], ...]:
    """Converters that turn a decoded list cursor back into typed values for `sort`."""
    if sort == "relevance":
        return (float, int)
    if sort in ("name", "-name"):
        return (str, int)
    return (datetime.fromisoformat, int)


def list_people(conn: Connection, *, sort: str, limit: int, after: list | None,
                q: str | None, organization_id: int | None) -> list[dict]:
    """One page of people for `sort` (LIST_SORTS; `relevance` needs `q`)."""
    first, after_id = after or (None, None)
    filters = {"q": q, "organization_id": organization_id, "after_id": after_id, "limit": limit}
    if sort == "relevance":
        return list(queries.search_people(conn, after_score=first, **filters))
    if sort == "name":
        return list(queries.list_people_by_name(conn, after_name=first, **filters))
    if sort == "-name":
        return list(queries.list_people_by_name_desc(conn, after_name=first, **filters))
    if sort == "created_at":
        return list(queries.list_people_oldest(conn, after_at=first, **filters))
    return list(queries.list_people_newest(conn, after_at=first, **filters))


def list_affiliations(conn: Connection, person_id: int, *, limit: int,
                      after: list | None) -> list[dict]:
    (after_id,) = after or (None,)
    return list(queries.list_person_affiliations(conn, person_id=person_id, after_id=after_id,
                                                 limit=limit))


def list_articles(conn: Connection, person_id: int, *, limit: int,
                  after: list | None) -> list[dict]:
    after_at, after_id = after or (None, None)
    return list(queries.list_person_articles(conn, person_id=person_id, after_at=after_at,
                                             after_id=after_id, limit=limit))


def co_mentions(conn: Connection, person_id: int, *, limit: int,
                after: list | None) -> list[dict]:
    articles, type_, after_id = after or (None, None, None)
    return list(queries.person_co_mentions(conn, person_id=person_id, after_articles=articles,
                                           after_type=type_, after_id=after_id, limit=limit))


def timeline(conn: Connection, person_id: int, *, interval: str, date_from: date | None,
             date_to: date | None) -> list[dict]:
    """Mentions, quotes and articles per period, oldest first (periods with activity only)."""
    return list(queries.person_timeline(conn, person_id=person_id, interval=interval,
                                        date_from=date_from, date_to=date_to))


def lock_pair(conn: Connection, survivor_id: int, duplicate_id: int) -> set[int]:
    """Lock both people (in id order, so concurrent merges cannot deadlock); return the ids
    of those that exist."""
    return {row["id"] for row in queries.lock_people_pair(conn, a=survivor_id, b=duplicate_id)}


def merge(conn: Connection, survivor_id: int, duplicate_id: int) -> None:
    """Fold the duplicate into the survivor, then delete it; both must be locked (lock_pair).

    The survivor gains the duplicate's name and aliases as aliases; mentions, quotes and
    affiliations move to it, except those the survivor already has (same span, same role and
    article), which go with the duplicate.
    """
    ids = {"survivor_id": survivor_id, "duplicate_id": duplicate_id}
    queries.merge_person_names(conn, **ids)
    queries.merge_person_mentions(conn, **ids)
    queries.merge_person_quotes(conn, **ids)
    queries.merge_person_affiliations(conn, **ids)
    queries.delete_person(conn, id=duplicate_id)
