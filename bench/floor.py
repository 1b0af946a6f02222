"""The floor: a raw WSGI app that runs the API's own SELECTs on the API's own pool settings.

`/item/<id>` runs the article item query and `/list` the first-page list query (20 rows
without bodies, as the API's list; the same SQL and connection pool as the API), and answers
with `json.dumps` of the rows (one statement in autocommit): no framework, no schemas, no
hooks. The scale benchmark serves it with the same gunicorn settings as the API, so
API ÷ floor is what the framework costs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from api import config
from api.data import articles
from api.db import make_pool

Start = Callable[[str, list[tuple[str, str]]], Any]

NEWEST = articles.LISTING.by_name["-published_at"]
LIST_FILTERS = {"with_body": False}
_settings = config.from_env()
_pool = make_pool(_settings["DATABASE_URL"], _settings, "floor")


def _json(status: str, payload: Any, start: Start) -> Iterable[bytes]:
    body = json.dumps(payload, default=str).encode()
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def app(environ: dict, start: Start) -> Iterable[bytes]:
    """`/item/<id>` and `/list`; anything else is 404."""
    path = environ.get("PATH_INFO", "")
    if path.startswith("/item/"):
        with _pool.connection() as conn:
            conn.autocommit = True
            row = articles.get_article(conn, int(path.rsplit("/", 1)[1]))
        return _json("200 OK" if row else "404 Not Found", row, start)
    if path == "/list":
        with _pool.connection() as conn:
            conn.autocommit = True
            rows = articles.LISTING.fetch(conn, NEWEST, LIST_FILTERS, after=None, limit=21)
        return _json("200 OK", {"data": rows[:20]}, start)
    return _json("404 Not Found", None, start)
