"""Browser-facing hardening: security headers, CORS, and refusing undecodable input.

Every response gets `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
`Referrer-Policy: no-referrer` and a Content-Security-Policy. API responses are data, never
pages: `default-src 'none'; frame-ancestors 'none'`. The Swagger UI page (/docs) gets a policy
that lets exactly its same-origin assets and its one inline script run: the script is allowed
by the SHA-256 hash of its text, computed from the HTML actually served.

CORS (flask-cors): browsers on the origins in `DOSSIER_CORS_ORIGINS` (comma-separated; none by
default, so cross-origin browser calls are refused) may call /v1 with `Authorization`,
`If-Match` and `Content-Type`, and read `ETag`, `Link`, `Location`, `Retry-After`,
`X-Request-ID` and the `RateLimit-*` headers. Credentials are bearer keys, not cookies, so
`supports_credentials` stays off. With origins configured, those responses carry
`Vary: Origin`, and `Access-Control-Allow-Origin` only answers a request that has an
`Origin`.

Input that cannot be text is refused before it reaches a view: invalid UTF-8 in the path,
the query string or a JSON body is a 400, and so is a JSON string with an unpaired surrogate
escape (`"\\ud800"`), which Python accepts but no database text can hold. (NUL characters,
which PostgreSQL text cannot store either, are valid text; the schemas reject them as a 422
naming the field.)
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, request
from flask_cors import CORS

from api.auth import is_protected_path
from api.config import comma_list
from api.errors import problem

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
CORS_ALLOW_HEADERS = ["Authorization", "Content-Type", "If-Match", "X-Request-ID"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Location", "Retry-After", "X-Request-ID",
                       "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                       "RateLimit-Policy"]
CORS_METHODS = ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"]

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def docs_csp(html: str) -> str:
    """The policy for the Swagger UI page: its same-origin assets and its inline scripts."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def add_security_headers(response: Response) -> Response:
    for name, value in BASE_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint == DOCS_ENDPOINT and response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = docs_csp(response.get_data(as_text=True))
    else:
        response.headers.setdefault("Content-Security-Policy", API_CSP)
    return response


def _bad_text(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


_ESCAPE = re.compile(rb"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)


def has_lone_surrogate(raw: bytes) -> bool:
    """True when a JSON text has a `\\uD800`-`\\uDFFF` escape that is not a proper pair."""
    if b"\\u" not in raw:
        return False
    pending_high_end = -1
    for match in _ESCAPE.finditer(raw):
        code = int(match.group(1), 16) if match.group(1) else None
        if pending_high_end >= 0:
            if code is None or not 0xDC00 <= code <= 0xDFFF or match.start() != pending_high_end:
                return True
            pending_high_end = -1
            continue
        if code is not None and 0xD800 <= code <= 0xDBFF:
            pending_high_end = match.end()
        elif code is not None and 0xDC00 <= code <= 0xDFFF:
            return True
    return pending_high_end >= 0


def refuse_undecodable_input():
    """before_request: invalid UTF-8 never reaches a view or the database."""
    path = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    raw_path = unquote_to_bytes(path) if path else request.path.encode("utf-8", "surrogateescape")
    if _bad_text(raw_path) or _bad_text(unquote_to_bytes(request.query_string.replace(b"+", b" "))):
        return problem(400, "The URL is not valid UTF-8.")
    if request.method in BODY_METHODS and request.is_json:
        raw = request.get_data(cache=True)
        if _bad_text(raw):
            return problem(400, "The request body is not valid UTF-8 JSON.")
        if has_lone_surrogate(raw):
            return problem(400, "The request body has an unpaired UTF-16 surrogate escape.")
    return None


def init_app(app: Flask) -> None:
    origins = comma_list(app.config.get("CORS_ORIGINS"))
    CORS(
        app,
        resources={r"/v1/*": {"origins": origins}, r"/openapi.json": {"origins": origins}},
        allow_headers=CORS_ALLOW_HEADERS,
        expose_headers=CORS_EXPOSE_HEADERS,
        methods=CORS_METHODS,
        supports_credentials=False,
        max_age=600,
        always_send=False,
    )
    app.before_request(refuse_undecodable_input)
    app.after_request(add_security_headers)
    if origins:
        app.after_request(vary_on_origin)


def vary_on_origin(response: Response) -> Response:
    """CORS answers differ by `Origin` (allowed, or not): say so, so that a shared cache
    never gives one origin's answer to another."""
    if is_protected_path() or request.path == "/openapi.json":
        response.vary.add("Origin")
    return response
