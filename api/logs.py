"""Request ids and one structured (JSON) access-log line per request.

`X-Request-ID` from the client is kept when it is sane (1-128 characters of
`[A-Za-z0-9._-]`), otherwise a new one is generated; it is returned on every response, put in
problem bodies (`request_id`) and in the log. The log line has method, path (no query string:
it may carry search terms), status, duration_ms, request_id and the API-key prefix; never a
key, a body or anything else a client sent. It goes to the `dossier.access` logger, which
writes JSON lines to stderr unless `DOSSIER_ACCESS_LOG=false`.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, current_app, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

access_log = logging.getLogger("dossier.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: a record whose `msg` is a dict is merged in as is; any other
    record becomes `message` (plus `logger`, `request_id` and the traceback, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"), "level": record.levelname.lower()}
        if isinstance(record.msg, dict):
            entry.update(record.msg)
        else:
            entry["logger"] = record.name
            entry["message"] = record.getMessage()
            if getattr(record, "request_id", None):
                entry["request_id"] = record.request_id  # type: ignore[attr-defined]
            if record.exc_info:
                entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, separators=(",", ":"), default=str)


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to records logged while handling it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = g.get("request_id")
        return True


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time (test runners swap it)."""

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_access_log() -> None:
    """JSON lines on stderr (once per process) for the access log and the `api.*` loggers."""
    if not access_log.handlers:
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        handler.addFilter(RequestIdFilter())
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False
        # The app's own warnings and errors (database faults, crashes) as JSON too.
        app_log = logging.getLogger("api")
        app_log.addHandler(handler)
        if app_log.level == logging.NOTSET:
            app_log.setLevel(logging.INFO)


def request_id_from_header(value: str | None) -> str:
    """The client's request id when sane, else a new random one."""
    if value and SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def start_request() -> None:
    g.request_started = time.perf_counter()
    g.request_id = request_id_from_header(request.headers.get(REQUEST_ID_HEADER))


def finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id") or request_id_from_header(None)
    if not current_app.config.get("ACCESS_LOG", True):
        return response
    started = g.get("request_started")
    key = g.get("api_key")
    access_log.info({
        "event": "request",
        "method": request.method,
        "path": request.path[:512],
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
        "request_id": g.get("request_id"),
        "key_prefix": key.prefix if key else None,
    })
    return response


def init_app(app: Flask) -> None:
    """Register first, so that every other check already has a request id."""
    if app.config.get("ACCESS_LOG", True):
        configure_access_log()
    app.before_request(start_request)
    app.after_request(finish_request)
