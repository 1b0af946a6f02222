"""Data access for organizations."""

from __future__ import annotations

from datetime import date
from typing import Any

from psycopg import Connection
from psycopg.types.json import Jsonb

from api.pagination import Key, Listing, Sort, choice, created, int64, real, text, timestamp
from api.queries import load

queries = load("organizations")

_BY_NAME = (Key("name", "after_name", text), Key("id", "after_id", int64))
#: `GET /v1/organizations`: by name, creation time or (with `q`) name-search relevance.
LISTING = Listing(
    queries,
    filters=("q", "kind", "parent_id"),
    sorts=(
        Sort("name", "list_organizations_by_name", _BY_NAME),
        Sort("-name", "list_organizations_by_name_desc", _BY_NAME),
        Sort("created_at", "list_organizations_oldest", created()),
        Sort("-created_at", "list_organizations_newest", created()),
        Sort("relevance", "search_organizations",
             (Key("score", "after_score", real), Key("id", "after_id", int64)), needs="q"),
    ),
)
#: The lists under `/v1/organizations/{id}`, each in one order, filtered by the
#: `organization_id` in the path.
PEOPLE = Listing(queries, filters=("organization_id",), sorts=(
    Sort("id", "list_organization_people", (Key("id", "after_id", int64),)),))
ARTICLES = Listing(queries, filters=("organization_id",), sorts=(
    Sort("-published_at", "list_organization_articles",
         (Key("sort_at", "after_at", timestamp), Key("id", "after_id", int64))),))
CO_MENTIONS = Listing(queries, filters=("organization_id",), sorts=(
    Sort("articles", "organization_co_mentions",
         (Key("articles", "after_articles", int64),
          Key("type", "after_type", choice("person", "organization")),
          Key("id", "after_id", int64))),))


def match_organization(conn: Connection, names: list[str]) -> dict | None:
    """The first existing organization whose name or alias equals one of `names`."""
    for name in names:
        row = queries.match_organization(conn, name=name)
        if row is not None:
            return row
    return None


def upsert_organization(conn: Connection, org: dict, parent_id: int | None = None) -> int:
    """Match `org` to an existing record by name or alias (adding new aliases), or create it."""
    names = [org["name"], *org.get("aliases", [])]
    existing = match_organization(conn, names)
    if existing is None:
        return insert_organization(conn, {**org, "parent_id": parent_id})
    if existing["id"] == parent_id or (
        parent_id is not None and is_descendant(conn, parent_id, existing["id"])
    ):
        parent_id = None
    queries.add_organization_aliases(
        conn, id=existing["id"], aliases=[n for n in names if n != existing["name"]],
        parent_id=parent_id,
    )
    return existing["id"]


def insert_organization(conn: Connection, org: dict) -> int:
    return queries.insert_organization(
        conn,
        name=org["name"],
        aliases=list(dict.fromkeys(org.get("aliases") or [])),
        kind=org.get("kind"),
        parent_id=org.get("parent_id"),
        external_ids=Jsonb(org.get("external_ids") or {}),
    )


def get_organization(conn: Connection, org_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_organization(conn, id=org_id) is None:
        return None
    return queries.get_organization(conn, id=org_id)


def lock_hierarchy(conn: Connection) -> None:
    """Hold the hierarchy lock until the transaction ends (take it before any row lock)."""
    queries.lock_hierarchy(conn)


def is_descendant(conn: Connection, org_id: int, ancestor_id: int) -> bool:
    """Whether `org_id` is `ancestor_id` or lies below it."""
    return bool(queries.is_descendant(conn, id=org_id, ancestor_id=ancestor_id))


def update_organization(conn: Connection, current: dict, changes: dict[str, Any]) -> None:
    row = {key: changes.get(key, current[key])
           for key in ("name", "aliases", "kind", "parent_id", "external_ids")}
    row["aliases"] = list(dict.fromkeys(row["aliases"]))
    row["external_ids"] = Jsonb(row["external_ids"])
    queries.update_organization(conn, id=current["id"], **row)


def delete_organization(conn: Connection, org_id: int) -> None:
    queries.delete_organization(conn, id=org_id)


def timeline(conn: Connection, org_id: int, *, interval: str, date_from: date | None,
             date_to: date | None) -> list[dict]:
    """Mentions, quotes and articles per period, oldest first (periods with activity only)."""
    return list(queries.organization_timeline(conn, organization_id=org_id, interval=interval,
                                              date_from=date_from, date_to=date_to))


def speaker_refs(conn: Connection, ids: list[int]) -> dict[int, dict]:
    """The organizations with these ids as embedded quote speakers (id, type, name, description,
    updated_at), by id: one query for any number of ids."""
    return {row["id"]: row for row in queries.speaker_refs(conn, ids=ids)} if ids else {}


def lock_pair(conn: Connection, survivor_id: int, duplicate_id: int) -> set[int]:
    """Lock both organizations (in id order: no deadlock between concurrent merges); return
    the ids of those that exist."""
    return {row["id"] for row in queries.lock_organizations_pair(conn, a=survivor_id,
                                                                 b=duplicate_id)}


def merge(conn: Connection, survivor_id: int, duplicate_id: int) -> None:
    """Fold the duplicate into the survivor, then delete it; both must be locked (lock_pair).

    The survivor gains the duplicate's names as aliases; the duplicate's children, mentions,
    quotes (as speaker) and affiliations move to it. A survivor below the duplicate takes the
    duplicate's parent, so the hierarchy stays free of cycles.
    """
    ids = {"survivor_id": survivor_id, "duplicate_id": duplicate_id}
    queries.merge_organization_names(conn, **ids)  # the caller holds lock_hierarchy
    queries.merge_organization_hierarchy(conn, **ids)
    queries.merge_organization_mentions(conn, **ids)
    queries.merge_organization_quotes(conn, **ids)
    queries.merge_organization_affiliations(conn, **ids)
    queries.delete_organization(conn, id=duplicate_id)
