"""Limits on what one request, and one client, may ask of the API.

- Request bodies: `DOSSIER_MAX_BODY_BYTES` (Flask's MAX_CONTENT_LENGTH; 413 past it).
- Page size: `limit` is 1-100 (schemas/common.py).
- Query string: at most `MAX_QUERY_STRING_BYTES` (414 past it).
- JSON bodies: nested at most `MAX_JSON_DEPTH` levels (400 past it), checked on the raw bytes
  before anything parses them (so a 10,000-level document is a 400, not a RecursionError).
- `?include=` expansions on detail views: at most `MAX_INCLUDES` per request.
- Rate: `DOSSIER_RATE_LIMIT` (default "600 per minute", Flask-Limiter syntax, e.g.
  "100 per minute;5000 per hour") per API key (its prefix) or, without a key, per client
  address, on everything under /v1. 429 problem+json with `Retry-After`; every limited
  response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (the epoch
  second the window resets). Counters live in memory per process unless `REDIS_URL` is set,
  then in Redis, shared by all processes and hosts. `DOSSIER_RATE_LIMIT_ENABLED=false` turns
  the rate limit off.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, g, request
from flask_limiter import HeaderNames, Limiter

from api.errors import problem

MAX_PAGE_SIZE = 100
MAX_INCLUDES = 4
MAX_QUERY_STRING_BYTES = 8192  # RFC 9110 recommends supporting at least 8000
MAX_JSON_DEPTH = 64
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
EXTENSION_KEY = "dossier.limiter"

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(raw: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """The nesting depth of a JSON text (strings are skipped), counting until it passes `limit`."""
    brackets = _JSON_STRING.sub(b'""', raw).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def check_request_size():
    """before_request: the query string and the nesting of a JSON body."""
    if len(request.query_string) > MAX_QUERY_STRING_BYTES:
        return problem(414, f"The query string is longer than {MAX_QUERY_STRING_BYTES} bytes.")
    if request.method in BODY_METHODS and request.is_json:
        raw = request.get_data(cache=True)  # 413 past MAX_CONTENT_LENGTH
        if json_depth(raw) > MAX_JSON_DEPTH:
            return problem(400, f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.")
    return None


def rate_limit_key() -> str:
    """The API key's prefix when the request authenticated with one, else the client address."""
    key = g.get("api_key")
    return f"key:{key.prefix}" if key else f"addr:{request.remote_addr or 'unknown'}"


def _not_limited() -> bool:
    return not (request.path == "/v1" or request.path.startswith("/v1/"))


def _remember_retry_after(response: Response) -> Response:
    """Runs before the limiter's header hook: keep a Retry-After set by the app (503s)."""
    g.app_retry_after = response.headers.get("Retry-After")
    return response


def _restore_retry_after(response: Response) -> Response:
    """Runs after the limiter's header hook, which sets Retry-After on every response: keep
    it only on 429s, and the app's own value elsewhere."""
    if response.status_code == 429:
        return response
    original = g.get("app_retry_after")
    if original is None:
        response.headers.pop("Retry-After", None)
    else:
        response.headers["Retry-After"] = original
    return response


def make_limiter(app: Flask) -> Limiter:
    config = app.config
    app.config.setdefault("RATELIMIT_ENABLED", config.get("RATE_LIMIT_ENABLED", True))
    return Limiter(
        rate_limit_key,
        app=app,
        default_limits=[lambda: current_app.config["RATE_LIMIT"]],
        default_limits_exempt_when=_not_limited,
        headers_enabled=True,
        header_name_mapping={
            HeaderNames.LIMIT: "RateLimit-Limit",
            HeaderNames.REMAINING: "RateLimit-Remaining",
            HeaderNames.RESET: "RateLimit-Reset",
            HeaderNames.RETRY_AFTER: "Retry-After",
        },
        storage_uri=config.get("REDIS_URL") or "memory://",
        storage_options={"socket_connect_timeout": 1, "socket_timeout": 1}
        if config.get("REDIS_URL") else {},
        key_prefix=config.get("RATE_LIMIT_KEY_PREFIX", "dossier"),
        strategy="fixed-window",
        swallow_errors=True,
        in_memory_fallback_enabled=True,
    )


def init_app(app: Flask) -> None:
    """Register the size checks and the rate limiter (after auth, which sets `g.api_key`)."""
    app.before_request(check_request_size)
    app.after_request(_restore_retry_after)
    app.extensions[EXTENSION_KEY] = make_limiter(app)
    app.after_request(_remember_retry_after)
