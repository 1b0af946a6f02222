"""/v1/keys: API keys, managed over HTTP with an `admin` key (as `dossier keys` does locally).

Every operation here needs scope `admin`, reads included (also with DOSSIER_PUBLIC_READ).
A key's secret is in the creation answer only; the server keeps its SHA-256 hash. Revoking
is `DELETE`: the key is refused from then on (by other server processes within the few
seconds they remember a key, see README "API keys"), and its record stays, with
`revoked_at`, so that logs naming its prefix can still be traced.
"""

from __future__ import annotations

from flask import url_for
from flask.views import MethodView

from api.blueprint import Blueprint
from api.data import api_keys as data
from api.db import connection
from api.errors import require
from api.pagination import paged_list
from schemas.common import page_schema
from schemas.keys import KeyCreatedSchema, KeyListArgsSchema, KeySchema

blp = Blueprint("keys", __name__, description="API keys (scope `admin`).")

NO_STORE = {"Cache-Control": "no-store"}


@blp.route("/keys")
class KeyCollection(MethodView):
    @blp.arguments(KeyListArgsSchema, location="query")
    @blp.response(200, page_schema(KeySchema))
    def get(self, args: dict):
        """List API keys, oldest first (never their secrets)."""
        return paged_list(data.LISTING, args, schema=KeySchema)

    @blp.arguments(KeySchema)
    @blp.response(201, KeyCreatedSchema)
    def post(self, body: dict):
        """Create an API key; the answer holds the key itself, shown this once."""
        with connection() as conn:
            new = data.create_key(conn, body["name"].strip(), body["scope"])
        location = url_for("keys.KeyItem", key_id=new.record["id"])
        return {**new.record, "key": new.key}, 201, {"Location": location, **NO_STORE}


@blp.route("/keys/<int:key_id>")
class KeyItem(MethodView):
    @blp.response(200, KeySchema)
    def get(self, key_id: int):
        """Get an API key's record."""
        with connection(readonly=True) as conn:
            return require(data.get_key(conn, key_id), "API key", key_id)

    @blp.response(200, KeySchema, description="The key, revoked.")
    def delete(self, key_id: int):
        """Revoke an API key (repeating it changes nothing); its record stays."""
        with connection() as conn:
            return require(data.revoke_key(conn, key_id), "API key", key_id)
