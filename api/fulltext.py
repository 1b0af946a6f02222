"""Bounds on full-text search queries (`q` of articles, quotes and /v1/search).

A query is parsed as PostgreSQL's `websearch_to_tsquery('english', q)` parses it, and may
hold at most `MAX_QUERY_TERMS` terms (lexemes, after stop words are dropped and words are
stemmed); past that it is a 422 naming `q`. The bound is there because ranking
(`ts_rank`) costs grow with the square of the number of terms for every matching row: 24
terms over 20,000 matches take seconds where 8 take a fifth of a second. Together with the
GIN index on the search vectors this keeps every full-text request short; anything slower
still stops at `DOSSIER_STATEMENT_TIMEOUT_MS` (503 with `Retry-After`).
"""

from __future__ import annotations

from collections.abc import Callable

from psycopg import Connection

from api.errors import ApiError

MAX_QUERY_TERMS = 10

COUNT_TERMS = (
    "SELECT count(*) AS terms FROM regexp_matches("
    "websearch_to_tsquery('english', %s)::text, $$'(?:[^']|'')*'$$, 'g')"
)


def query_terms(conn: Connection, q: str) -> int:
    """The number of terms (lexemes) of `q` as a web-search query."""
    row = conn.execute(COUNT_TERMS, [q]).fetchone()
    return int(row["terms"] if isinstance(row, dict) else row[0])


def check_terms(conn: Connection, q: str | None, field: str = "q") -> None:
    """422 naming `field` when the full-text query `q` has more than MAX_QUERY_TERMS terms."""
    if not q:
        return
    terms = query_terms(conn, q)
    if terms > MAX_QUERY_TERMS:
        message = (f"At most {MAX_QUERY_TERMS} search terms (after stop words are dropped); "
                   f"this query has {terms}.")
        raise ApiError(422, f"Invalid value for '{field}': {message}", errors={field: [message]})


def terms_check(q: str | None, field: str = "q") -> Callable[[Connection], None]:
    """`check_terms` for `q`, as the `check` of a paged list."""
    return lambda conn: check_terms(conn, q, field)
