"""Data access for people."""

from __future__ import annotations

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
        return queries.insert_person(
            conn,
            name=person["name"],
            aliases=list(dict.fromkeys(person.get("aliases") or [])),
            description=person.get("description"),
            external_ids=Jsonb(person.get("external_ids") or {}),
        )
    queries.add_person_aliases(
        conn, id=existing["id"], aliases=[n for n in names if n != existing["name"]],
        description=person.get("description"),
    )
    return existing["id"]
