"""The connection pool: opened once per app, one connection per use.

`connection()` hands out a pooled connection whose block is one transaction: it commits when
the block ends and rolls back when it raises. `connection(readonly=True)` is in autocommit
instead: each statement is its own transaction (its own snapshot), which saves the BEGIN and
COMMIT round trips of a read; a read that needs one snapshot for several statements opens
`conn.transaction()`. Rows come back as dicts.

Per-request costs kept low:
- The pool checks a connection (an empty query) only when it has been idle in the pool for
  more than `CHECK_AFTER_IDLE_S` seconds: a busy pool hands connections out without a round
  trip, and one left idle (that the server or a proxy may have closed) is checked first.
- Statements are prepared on the server after `DOSSIER_DB_PREPARE_THRESHOLD` executions on a
  connection (psycopg's `prepare_threshold`; 0 or `off` disables, e.g. behind a pgbouncer
  without prepared-statement support), which saves parsing and analysis. Plans stay custom
  (`plan_cache_mode=force_custom_plan`): the optional-filter queries (`:x IS NULL OR ...`)
  need the planner to see every parameter value.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

import psycopg
from flask import Flask, current_app
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

EXTENSION_KEY = "dossier.db"
#: A connection idle in the pool for longer than this is checked before it is handed out.
CHECK_AFTER_IDLE_S = 2.0

_returned_at: weakref.WeakKeyDictionary[psycopg.Connection, float] = weakref.WeakKeyDictionary()


def connect_kwargs(statement_timeout_ms: int, prepare_threshold: int | None = None) -> dict:
    """Connection settings shared by the pool and one-off connections."""
    return {
        "row_factory": dict_row,
        "prepare_threshold": prepare_threshold or None,
        "connect_timeout": 3,
        "options": f"-c statement_timeout={int(statement_timeout_ms)} -c timezone=UTC"
                   " -c plan_cache_mode=force_custom_plan",
    }


def check_if_idle(conn: psycopg.Connection) -> None:
    """The pool's check: an empty query, only for a connection idle longer than
    `CHECK_AFTER_IDLE_S` (or never returned yet)."""
    returned = _returned_at.get(conn)
    if returned is None or time.monotonic() - returned > CHECK_AFTER_IDLE_S:
        ConnectionPool.check_connection(conn)


def on_return(conn: psycopg.Connection) -> None:
    """The pool's reset: back out of autocommit (a read's), note when it became idle."""
    if conn.autocommit:
        conn.autocommit = False
    _returned_at[conn] = time.monotonic()


def make_pool(url: str, config: dict, name: str) -> ConnectionPool:
    """Create and open a pool; it fills in the background, so a database that is down does
    not stop the app from starting (requests get 503 until it is back)."""
    pool = ConnectionPool(
        url,
        min_size=config["DB_POOL_MIN"],
        max_size=config["DB_POOL_MAX"],
        timeout=config["DB_POOL_TIMEOUT"],
        kwargs=connect_kwargs(config["DB_STATEMENT_TIMEOUT_MS"],
                              config.get("DB_PREPARE_THRESHOLD")),
        check=check_if_idle,
        reset=on_return,
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
    """A pooled connection for one transaction; `readonly=True`: in autocommit (a transaction
    per statement), possibly on the read replica."""
    db = get_db()
    pool = db.read_pool if readonly else db.pool
    with pool.connection() as conn:
        if readonly:
            conn.autocommit = True
        yield conn


PING_TIMEOUT_SECONDS = 1.0
_ping_lock = threading.Lock()
_pings: dict[int, Future] = {}


def _ping(pool: ConnectionPool, timeout: float) -> bool:
    try:
        with pool.connection(timeout=timeout) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False


def ping(timeout: float = PING_TIMEOUT_SECONDS) -> bool:
    """True when the database answers a trivial query within `timeout` seconds.

    The query runs in a thread of its own and is waited for at most `timeout`, so a database
    that hangs (not only one that refuses connections) still gives a prompt False. At most
    one ping per pool runs at a time: while one hangs, later calls wait on it rather than
    start another.
    """
    pool = get_db().pool
    with _ping_lock:
        future = _pings.get(id(pool))
        if future is None or future.done():
            future = Future()
            _pings[id(pool)] = future
            threading.Thread(target=lambda: future.set_result(_ping(pool, timeout)),
                             name="dossier-ping", daemon=True).start()
    try:
        return future.result(timeout)
    except FutureTimeout:
        return False
