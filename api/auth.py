"""API-key authentication and scopes for everything under /v1.

`Authorization: Bearer <key>` (keys come from `dossier keys create`; see api/data/api_keys.py
for their format and storage). Writes (any method but GET, HEAD and OPTIONS) need scope
`write` or `admin`; reads need scope `read` or higher, unless `DOSSIER_PUBLIC_READ=true`
lets anonymous clients read. The keys themselves (`/v1/keys`) need scope `admin`, reads
included. A missing, unknown or revoked key is a 401, a key with too low a
scope a 403, both problem+json with a `WWW-Authenticate: Bearer realm="dossier"` challenge
(RFC 6750). A key that is sent is always checked, also where it is not needed. `/health`,
`/ready`, `/openapi.json` and `/docs` stay public. There is no switch to turn writes' keys off.

A key that authenticated is remembered by each process for a few seconds
(`api_keys.CACHE_SECONDS`), so a revoked key is refused within that window, not at once.

A token that does not have the shape of a key is refused without touching the database; every
/v1 request, also one answered 401 or 403, counts against a rate limit checked before the key
lookup (api/rate_limit.py).

The key a request authenticated with is `g.api_key` (a `KeyInfo`: id, prefix, scope; never the
key itself), used by the access log and as the rate-limit identity.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_smorest import Api

from api import db
from api.data import api_keys
from api.errors import problem

REALM = "dossier"
PROTECTED_PREFIX = "/v1"
ADMIN_PREFIX = "/v1/keys"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_SCHEME = "bearerAuth"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def challenge(error: str | None = None, scope: str | None = None) -> str:
    """The `WWW-Authenticate` value for a 401 or 403."""
    value = f'Bearer realm="{REALM}"'
    if error:
        value += f', error="{error}"'
    if scope:
        value += f', scope="{scope}"'
    return value


def unauthorized(detail: str, error: str | None = None):
    return problem(401, detail, headers={"WWW-Authenticate": challenge(error)},
                   type_="/problems/unauthorized")


def forbidden(needed: str):
    return problem(
        403, f"This API key's scope does not allow this request; it needs scope '{needed}'.",
        headers={"WWW-Authenticate": challenge("insufficient_scope", needed)},
        type_="/problems/insufficient-scope",
    )


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer` header, '' for a malformed one, None if absent."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def _under(path: str, prefix: str) -> bool:
    """`path` is `prefix` or a path below it (`/v1/keys/3`, not `/v1/keysets`)."""
    return path == prefix or path.startswith(prefix + "/")


def is_protected_path() -> bool:
    return _under(request.path, PROTECTED_PREFIX)


def is_admin_path(path: str) -> bool:
    """The API keys themselves (`/v1/keys`): scope admin, reads included."""
    return _under(path, ADMIN_PREFIX)


def needed_scope() -> str | None:
    """The scope this request needs, or None when it is public."""
    if not is_protected_path():
        return None
    if request.method == "OPTIONS":  # CORS preflight: carries no credentials by design
        return None
    if is_admin_path(request.path):
        return "admin"
    if request.method in READ_METHODS:
        return None if current_app.config.get("PUBLIC_READ") else "read"
    return "write"


def authenticate():
    """before_request: identify the key, then enforce the scope the request needs."""
    g.api_key = None
    if not is_protected_path():
        return None  # public pages ignore credentials
    token = bearer_token()
    needed = needed_scope()
    if token is None:
        if needed is None:
            return None
        return unauthorized("This request needs an API key: send 'Authorization: Bearer <key>'.")
    if not token:
        return unauthorized("The Authorization header must be 'Bearer <key>'.", "invalid_request")
    if api_keys.prefix_of(token) is None:  # not a key's shape: refused without a lookup
        return unauthorized("The API key is invalid or has been revoked.", "invalid_token")
    key = api_keys.cache.get(token)
    if key is None:
        with db.connection() as conn:
            key = api_keys.authenticate(conn, token)
        if key is not None:
            api_keys.cache.put(token, key)
    if key is None:
        return unauthorized("The API key is invalid or has been revoked.", "invalid_token")
    g.api_key = key
    if needed and not api_keys.has_scope(key.scope, needed):
        return forbidden(needed)
    return None


def init_app(app: Flask) -> None:
    """Register the check (before the other request checks, so a 401 comes first)."""
    app.before_request(authenticate)


def document(api: Api) -> None:
    """Declare the bearer scheme, require it globally and document 401/403/429 on every
    operation (call after all blueprints are registered)."""
    spec = api.spec
    spec.components.security_scheme(SECURITY_SCHEME, {
        "type": "http", "scheme": "bearer",
        "description": "An API key from `dossier keys create`: `Authorization: Bearer <key>`. "
                       "Reads need scope read (unless the server allows public reads), writes "
                       "need scope write or admin, and `/v1/keys` needs scope admin.",
    })
    spec.options["security"] = [{SECURITY_SCHEME: []}]
    for path, operations in spec._paths.items():  # noqa: SLF001 - apispec keeps paths here
        for method, operation in operations.items():
            if method not in HTTP_METHODS or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", spec.components.get_ref("response", "UNAUTHORIZED"))
            if method.upper() not in READ_METHODS or is_admin_path(path):
                responses.setdefault("403", spec.components.get_ref("response", "FORBIDDEN"))
            responses.setdefault("429", spec.components.get_ref("response", "TOO_MANY_REQUESTS"))
