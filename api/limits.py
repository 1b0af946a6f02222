"""Limits on what one request, and one client, may ask of the API.

- Request bodies: `DOSSIER_MAX_BODY_BYTES` (Flask's MAX_CONTENT_LENGTH; 413 past it).
- Page size: `limit` is 1-100 (schemas/common.py).
- Query string: at most `MAX_QUERY_STRING_BYTES` (414 past it).
- JSON bodies: nested at most `MAX_JSON_DEPTH` levels (400 past it), checked on the raw bytes
  before anything parses them (so a 10,000-level document is a 400, not a RecursionError).
- `?include=` expansions on detail views: at most `MAX_INCLUDES` per request.
- Rate: `DOSSIER_RATE_LIMIT` per API key or client address, before any database work
  (api/rate_limit.py).
"""

from __future__ import annotations

import re

from flask import Flask, request

from api.errors import problem

MAX_PAGE_SIZE = 100
MAX_INCLUDES = 4
# RFC 9110 asks for request lines of at least 8000 octets; gunicorn allows 8190 (with the path)
MAX_QUERY_STRING_BYTES = 8000
MAX_JSON_DEPTH = 64
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

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


def init_app(app: Flask) -> None:
    """Register the size checks."""
    app.before_request(check_request_size)
