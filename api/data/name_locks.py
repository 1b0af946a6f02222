"""Race-free matching of people and organizations by name.

Matching an incoming person or organization to an existing one (by name or alias, in normal
form) and creating it when there is none is a read followed by a write: two transactions
naming the same new person would both see nothing and both insert. Names live in arrays
(name and aliases), which a unique index cannot cover, so the writer instead takes a
transaction-scoped advisory lock per normalised name before matching (`lock_names`). A
second writer of the same name waits until the first commits, then its match (a new
statement under READ COMMITTED, so a new snapshot) finds the row the first one created.
All the names of one request are locked in one statement, in one global order, so writers
of overlapping name sets cannot deadlock. Unrelated names whose hashes collide only wait for
each other.
"""

from __future__ import annotations

from collections.abc import Iterable

from psycopg import Connection

from api.queries import load

queries = load("name_locks")


def _names(entities: Iterable[dict]) -> list[str]:
    return [n for e in entities for n in [e["name"], *(e.get("aliases") or [])] if n]


def lock_names(conn: Connection, people: Iterable[dict], organizations: Iterable[dict]) -> None:
    """Hold a lock on every name and alias of `people` and `organizations` until the
    transaction ends (call before matching or creating any of them)."""
    person_names, org_names = _names(people), _names(organizations)
    if person_names or org_names:
        queries.lock_names(conn, people=person_names, organizations=org_names)
