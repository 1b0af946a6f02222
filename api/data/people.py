"""Data access for people."""

from __future__ import annotations

from datetime import date
from typing import Any

from psycopg import Connection
from psycopg.types.json import Jsonb

from api.pagination import Key, Listing, Sort, choice, created, int64, real, text, timestamp
from api.queries import load

queries = load("people")

_BY_NAME = (Key("name", "after_name", text), Key("id", "after_id", int64))
#: `GET /v1/people`: by name, creation time or (with `q`) name-search relevance.
LISTING = Listing(
    queries,
    filters=("q", "organization_id"),
    sorts=(
        Sort("name", "list_people_by_name", _BY_NAME),
        Sort("-name", "list_people_by_name_desc", _BY_NAME),
        Sort("created_at", "list_people_oldest", created()),
        Sort("-created_at", "list_people_newest", created()),
        Sort("relevance", "search_people",
             (Key("score", "after_score", real), Key("id", "after_id", int64)), needs="q"),
    ),
)
#: The lists under `/v1/people/{id}`, each in one order, filtered by the `person_id` in the path.
AFFILIATIONS = Listing(queries, filters=("person_id",), sorts=(
    Sort("id", "list_person_affiliations", (Key("id", "after_id", int64),)),))
ARTICLES = Listing(queries, filters=("person_id",), sorts=(
    Sort("-published_at", "list_person_articles",
         (Key("sort_at", "after_at", timestamp), Key("id", "after_id", int64))),))
CO_MENTIONS = Listing(queries, filters=("person_id",), sorts=(
    Sort("articles", "person_co_mentions",
         (Key("articles", "after_articles", int64),
          Key("type", "after_type", choice("person", "organization")),
          Key("id", "after_id", int64))),))


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


def timeline(conn: Connection, person_id: int, *, interval: str, date_from: date | None,
             date_to: date | None) -> list[dict]:
    """Mentions, quotes and articles per period, oldest first (periods with activity only)."""
    return list(queries.person_timeline(conn, person_id=person_id, interval=interval,
                                        date_from=date_from, date_to=date_to))


def speaker_refs(conn: Connection, ids: list[int]) -> dict[int, dict]:
    """The people with these ids as embedded quote speakers (id, type, name, description,
    updated_at), by id: one query for any number of ids."""
    return {row["id"]: row for row in queries.speaker_refs(conn, ids=ids)} if ids else {}


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
