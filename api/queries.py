"""Named SQL queries, one file per resource in sql/queries, loaded once with aiosql."""

from __future__ import annotations

from functools import cache

import aiosql
from aiosql.queries import Queries

from api.config import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "sql" / "queries"


@cache
def load(name: str) -> Queries:
    """Return the queries of `sql/queries/<name>.sql`."""
    return aiosql.from_path(QUERIES_DIR / f"{name}.sql", "psycopg")
