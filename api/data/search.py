"""Data access for search across articles, quotes, people and organizations."""

from __future__ import annotations

from api.pagination import Key, Listing, Sort, choice, int64, real
from api.queries import load

queries = load("search")

TYPES = ("article", "person", "organization", "quote")

#: `GET /v1/search`: matches of `q` in the record types asked for (`want_*`), best first.
LISTING = Listing(
    queries,
    filters=("q", "want_articles", "want_quotes", "want_people", "want_organizations"),
    sorts=(Sort("rank", "search", (Key("rank", "after_rank", real),
                                   Key("type", "after_type", choice(*TYPES)),
                                   Key("id", "after_id", int64))),),
)


def wanted(types: list[str]) -> dict[str, bool]:
    """The `want_*` filters of the record `types` asked for."""
    return {"want_articles": "article" in types, "want_quotes": "quote" in types,
            "want_people": "person" in types, "want_organizations": "organization" in types}
