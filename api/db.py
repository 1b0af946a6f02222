"""The connection pool: opened once per app, one connection (= one transaction) per use.

`connection()` hands out a pooled connection whose block is one transaction: it commits when
the block ends and rolls back when it raises. Rows come back as dicts. Server-side prepared
statements are off (`prepare_threshold=None`) so the planner sees every parameter value (the
optional-filter queries depend on that) and so the app works behind pgbouncer.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from flask import Flask, current_app
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

EXTENSION_KEY = "dossier.db"


def connect_kwargs(statement_timeout_ms: int) -> dict:
    """Connection settings shared by the pool and one-off connections."""
    return {
        "row_factory": dict_row,
        "prepare_threshold": None,
        "connect_timeout": 3,
        "options": f"-c statement_timeout={int(statement_timeout_ms)} -c timezone=UTC",
    }


def make_pool(url: str, config: dict, name: str) -> ConnectionPool:
    """Create and open a pool; it fills in the background, so a database that is down does
    not stop the app from starting (requests get 503 until it is back)."""
    pool = ConnectionPool(
        url,
        min_size=config["DB_POOL_MIN"],
        max_size=config["DB_POOL_MAX"],
        timeout=config["DB_POOL_TIMEOUT"],
        kwargs=connect_kwargs(config["DB_STATEMENT_TIMEOUT_MS"]),
        check=ConnectionPool.check_connection,
        reconnect_timeout=0,
        name=name,
        open=False,
    )
    pool.open(wait=False)
    atexit.register(pool.close)
    return pool


class Database:
    """The app's pools: one for writes and one for reads (the same unless a replica is set)."""

    def __init__(self, config: dict) -> None:
        self.url: str = config["DATABASE_URL"]
        self.pool = make_pool(self.url, config, "dossier")
        read_url = config.get("DATABASE_READ_URL")
        self.read_pool = make_pool(read_url, config, "dossier-read") if read_url else self.pool

    def close(self) -> None:
        self.pool.close()
        if self.read_pool is not self.pool:
            self.read_pool.close()


def init_app(app: Flask) -> None:
    """Resolve the database URL (starting the embedded server if none is set) and open the pool."""
    if not app.config.get("DATABASE_URL"):
        from api import embedded

        app.config["DATABASE_URL"] = embedded.start(app.config["DOSSIER_DATA_DIR"])
    app.extensions[EXTENSION_KEY] = Database(app.config)


def get_db(app: Flask | None = None) -> Database:
    return (app or current_app).extensions[EXTENSION_KEY]


@contextmanager
def connection(readonly: bool = False) -> Iterator[psycopg.Connection]:
    """A pooled connection for one transaction; `readonly=True` may use the read replica."""
    db = get_db()
    pool = db.read_pool if readonly else db.pool
    with pool.connection() as conn:
        yield conn


def ping() -> bool:
    """True when the database answers a trivial query."""
    try:
        with get_db().pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False
