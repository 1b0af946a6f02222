"""The URLs Dossier accepts and the URLs it hands out.

The `Host` header is the client's to choose, so nothing Dossier sends depends on it:

- Links it hands out (the `Link: rel="next"` header, redirects) are built on
  `DOSSIER_PUBLIC_URL` (e.g. `https://api.example.org`) when it is set, and are relative
  references (`/v1/articles?cursor=…`, RFC 3986 §4.2, resolved against the request's own
  URL) otherwise. A `Location` that a library made absolute from the request's host is
  rewritten the same way. (`Location` headers of created records are paths already.)
- `DOSSIER_TRUSTED_HOSTS` (comma-separated, e.g. `api.example.org,127.0.0.1`) makes any
  other `Host` a 400 before routing (Flask's `TRUSTED_HOSTS`). Unset, every host is served.
- `DOSSIER_TRUSTED_PROXIES=N` says that N reverse proxies, each appending to
  `X-Forwarded-For` and setting `X-Forwarded-Proto`, stand in front of the server: the
  client address (for per-address rate limits and the access log) is then taken from those
  headers (werkzeug's ProxyFix). Unset or 0, the headers are ignored, so a client cannot
  pick its own address.

Path ids are ASCII digits only: `/v1/articles/١` (an Arabic-Indic one) is a 404, not
article 1, as Python's `int()` would have it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter


class AsciiIntegerConverter(IntegerConverter):
    """`<int:…>` path parts of ASCII digits only (werkzeug's `\\d` takes any Unicode digit)."""

    regex = r"[0-9]+"


def public_url(path: str) -> str:
    """`path` (with its query) as a link to hand out: on DOSSIER_PUBLIC_URL, else relative."""
    base = current_app.config.get("PUBLIC_URL")
    return f"{base}{path}" if base else path


def rewrite_location(response: Response) -> Response:
    """after_request: a Location made absolute from the request's Host loses that host."""
    location = response.headers.get("Location")
    if location and "://" in location:
        parts = urlsplit(location)
        if parts.netloc == request.host:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            response.headers["Location"] = public_url(path)
    return response


def init_app(app: Flask) -> None:
    """Register the converter (before any route), the trusted proxies and the rewrite
    (trusted hosts are Flask's own `TRUSTED_HOSTS` setting)."""
    app.url_map.converters["int"] = AsciiIntegerConverter
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.after_request(rewrite_location)
