"""Data access for organizations."""

from __future__ import annotations

from psycopg import Connection
from psycopg.types.json import Jsonb

from api.queries import load

queries = load("organizations")


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
        return queries.insert_organization(
            conn,
            name=org["name"],
            aliases=list(dict.fromkeys(org.get("aliases") or [])),
            kind=org.get("kind"),
            parent_id=parent_id,
            external_ids=Jsonb(org.get("external_ids") or {}),
        )
    if existing["id"] == parent_id:
        parent_id = None
    queries.add_organization_aliases(
        conn, id=existing["id"], aliases=[n for n in names if n != existing["name"]],
        parent_id=parent_id,
    )
    return existing["id"]
