"""Data access for affiliations (a person's role in an organization)."""

from __future__ import annotations

from psycopg import Connection

from api.queries import load

queries = load("affiliations")


def add_affiliation(
    conn: Connection, person_id: int, organization_id: int, role: str | None,
    article_id: int | None, *, source: str,
) -> None:
    """Record an affiliation unless the same one exists."""
    queries.insert_affiliation(
        conn, person_id=person_id, organization_id=organization_id, role=role,
        article_id=article_id, source=source,
    )


def create_affiliation(conn: Connection, person_id: int, organization_id: int,
                       role: str | None, article_id: int | None) -> dict:
    """A hand-entered affiliation (UniqueViolation if it exists); returns it."""
    new_id = queries.create_affiliation(conn, person_id=person_id,
                                        organization_id=organization_id, role=role,
                                        article_id=article_id)
    return queries.get_affiliation(conn, id=new_id)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_affiliations(conn, article_id=article_id)
