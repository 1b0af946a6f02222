"""Data access for quotes."""

from __future__ import annotations

from psycopg import Connection

from api.pagination import Key, Listing, Sort, created, int64, positioned, real
from api.queries import load

queries = load("quotes")

QUOTE_FIELDS = (
    "article_id", "speaker_person_id", "speaker_organization_id", "speaker_name", "text",
    "verb", "kind", "start", "end", "method", "confidence", "source",
)
UPDATABLE = (
    "speaker_person_id", "speaker_organization_id", "speaker_name", "text", "verb", "kind",
    "start",
    "end", "method", "confidence",
)
FILTERS = (
    "speaker_person_id", "speaker_organization_id", "article_id", "q", "verb", "kind",
    "speaker_affiliation_id", "published_from", "published_to",
)

#: Every list of quotes (`/v1/quotes`, an article's, a person's).
LISTING = Listing(
    queries,
    filters=FILTERS,
    sorts=(
        Sort("-created_at", "list_quotes_newest", created()),
        Sort("created_at", "list_quotes_oldest", created()),
        Sort("position", "list_quotes_position",
             positioned()),
        Sort("relevance", "list_quotes_relevance",
             (Key("rank", "after_rank", real), Key("id", "after_id", int64)), needs="q"),
    ),
)


def list_for_article(conn: Connection, article_id: int) -> list[dict]:
    """All quotes of an article, in order of appearance in its body."""
    return list(queries.quotes_for_article(conn, article_id=article_id))


def get_quote(conn: Connection, quote_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_quote(conn, id=quote_id) is None:
        return None
    return queries.get_quote(conn, id=quote_id)


def insert_quote(conn: Connection, quote: dict) -> int:
    return queries.insert_quote(conn, **{key: quote.get(key) for key in QUOTE_FIELDS})


def update_quote(conn: Connection, quote_id: int, values: dict) -> None:
    queries.update_quote(conn, id=quote_id, **{key: values.get(key) for key in UPDATABLE})


def delete_quote(conn: Connection, quote_id: int) -> None:
    queries.delete_quote(conn, id=quote_id)


def delete_extracted(conn: Connection, article_id: int) -> None:
    queries.delete_extracted_quotes(conn, article_id=article_id)


def article_body_length(conn: Connection, article_id: int) -> int | None:
    """The article's body length in code points, or None when there is no such article."""
    return queries.article_body_length(conn, article_id=article_id)


def person_exists(conn: Connection, person_id: int) -> bool:
    return bool(queries.person_exists(conn, id=person_id))


def organization_exists(conn: Connection, organization_id: int) -> bool:
    return bool(queries.organization_exists(conn, id=organization_id))


def manual_past(conn: Connection, article_id: int, length: int) -> list[dict]:
    """Quotes of the article entered by hand whose span ends past `length`."""
    return list(queries.manual_quotes_past(conn, article_id=article_id, length=length))
