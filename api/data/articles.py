"""Data access for articles."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from psycopg import Connection

from api.pagination import Key, Listing, Sort, int64, real, timestamp
from api.queries import load

queries = load("articles")

_BY_DATE = (Key("sort_at", "after_at", timestamp), Key("id", "after_id", int64))
#: `GET /v1/articles`: by publication date (creation date when unknown), or by relevance.
LISTING = Listing(
    queries,
    filters=("q", "published_from", "published_to", "source", "language", "with_body"),
    sorts=(
        Sort("-published_at", "list_articles_newest", _BY_DATE),
        Sort("published_at", "list_articles_oldest", _BY_DATE),
        Sort("relevance", "list_articles_relevance",
             (Key("rank", "after_rank", real), Key("id", "after_id", int64)), needs="q"),
    ),
)

WRITABLE = ("url", "title", "body", "source", "authors", "language", "published_at")


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, drop the fragment, default ports and utm_* parameters."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith("utm_")]
    )
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def get_article(conn: Connection, article_id: int, *, lock: bool = False) -> dict | None:
    if lock and queries.lock_article(conn, id=article_id) is None:
        return None
    return queries.get_article(conn, id=article_id)


def find_existing(conn: Connection, url: str | None, body: str) -> int | None:
    """The id of an article with the same URL, or else with exactly the same body."""
    if url:
        found = queries.find_article_by_url(conn, url=url)
        if found is not None:
            return found
    return queries.find_article_by_content(conn, body=body)


def find_by_url(conn: Connection, url: str) -> int | None:
    return queries.find_article_by_url(conn, url=url)


def insert_article(conn: Connection, values: dict[str, Any]) -> int:
    row = {key: values.get(key) for key in WRITABLE}
    row["url"] = canonical_url(row["url"])
    row["authors"] = row["authors"] or []
    row["language"] = row["language"] or "en"
    return queries.insert_article(conn, **row)


def update_article(conn: Connection, current: dict, changes: dict[str, Any]) -> None:
    row = {key: changes.get(key, current[key]) for key in WRITABLE}
    if "url" in changes:
        row["url"] = canonical_url(row["url"])
    row["authors"] = row["authors"] or []
    queries.update_article(conn, id=current["id"], **row)


def mark_extracted(conn: Connection, article_id: int, version: str) -> None:
    queries.mark_extracted(conn, id=article_id, extractor_version=version)


def delete_article(conn: Connection, article_id: int) -> None:
    queries.delete_article(conn, id=article_id)


def count_articles(conn: Connection) -> int:
    return queries.count_articles(conn)


def refs(conn: Connection, ids: list[int]) -> dict[int, dict]:
    """The articles with these ids as embedded records (id, title, source, published_at,
    updated_at), by id: one query for any number of ids."""
    return {row["id"]: row for row in queries.article_refs(conn, ids=ids)} if ids else {}


def stale_article_ids(conn: Connection, version: str) -> list[int]:
    """Ids of articles extracted by an extractor version other than `version`."""
    return [row["id"] for row in queries.stale_article_ids(conn, version=version)]
