"""API keys as the admin sees them: never the secret, except once, in the creation answer."""

from __future__ import annotations

from marshmallow import fields, validate

from api.data.api_keys import SCOPES
from schemas.common import PageArgsSchema, StrictSchema, Text


class KeySchema(StrictSchema):
    """An API key's record: who it is for, its scope and use (the key itself is not stored)."""

    id = fields.Integer(dump_only=True, metadata={"example": 1})
    name = Text(required=True,
                validate=[validate.Length(min=1, max=200),
                          validate.Regexp(r"\s*\S", error="Must not be blank.")],
                metadata={"description": "Who or what the key is for.",
                          "example": "newsroom frontend"})
    scope = fields.String(
        required=True, validate=validate.OneOf(SCOPES),
        metadata={"description": "`read` (GET requests), `write` (also POST, PATCH, DELETE) "
                  "or `admin` (also the keys themselves).", "example": "read"},
    )
    prefix = fields.String(dump_only=True, metadata={
        "description": "The key's first part (`dsr_` and 8 characters): names it in logs "
                       "without revealing it.", "example": "dsr_k3x9q2mf"})
    created_at = fields.AwareDateTime(dump_only=True)
    last_used_at = fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Last authenticated request (updated at most once a minute)."})
    revoked_at = fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "When it was revoked; a revoked key is refused (401)."})


class KeyCreatedSchema(KeySchema):
    """A new API key, with the key itself: shown in this answer only, never again."""

    key = fields.String(dump_only=True, metadata={
        "description": "The secret to send as `Authorization: Bearer <key>`. Store it now: "
                       "only its SHA-256 hash is kept."})


class KeyListArgsSchema(PageArgsSchema):
    """Keys in the order they were created."""

    revoked = fields.Boolean(load_default=None, truthy={"true"}, falsy={"false"}, metadata={
        "description": "`false`: only keys in use; `true`: only revoked keys."})
