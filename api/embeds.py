"""`include=`: records embedded in quotes and financial figures, read for a whole page (or an
export batch) at once: one query per kind of embedded record, whatever the number of rows.

`embed(conn, rows, include)` sets `article` and/or `speaker` on every row in place; a row
whose record is missing gets null. The embedded rows keep their `updated_at`, the version
the ETag of an item is derived from (see `versions`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from psycopg import Connection

from api.data import articles, organizations, people


def _ids(rows: Sequence[dict], field: str) -> list[int]:
    return sorted({row[field] for row in rows if row.get(field) is not None})


def embed_articles(conn: Connection, rows: Sequence[dict]) -> None:
    found = articles.refs(conn, _ids(rows, "article_id"))
    for row in rows:
        row["article"] = found.get(row["article_id"])


def embed_speakers(conn: Connection, rows: Sequence[dict]) -> None:
    persons = people.speaker_refs(conn, _ids(rows, "speaker_person_id"))
    orgs = organizations.speaker_refs(conn, _ids(rows, "speaker_organization_id"))
    for row in rows:
        person_id, org_id = row.get("speaker_person_id"), row.get("speaker_organization_id")
        row["speaker"] = (persons.get(person_id) if person_id is not None
                          else orgs.get(org_id) if org_id is not None else None)


EMBEDS: dict[str, Callable[[Connection, Sequence[dict]], None]] = {
    "article": embed_articles,
    "speaker": embed_speakers,
}


def embed(conn: Connection, rows: Sequence[dict], include: Sequence[str]) -> None:
    """Embed the records named in `include` (`article`, `speaker`) in every row."""
    for name in include:
        EMBEDS[name](conn, rows)


def versions(row: dict, include: Sequence[str]) -> list[Any]:
    """The versions of what `row` embeds, for its ETag: each embedded record's type, id and
    `updated_at` (None when there is none), by include name."""
    out: list[Any] = []
    for name in sorted(include):
        record = row.get(name)
        out.append([name, None if record is None else [
            record.get("type", name), record["id"], record["updated_at"]]])
    return out
