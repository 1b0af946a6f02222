"""API keys: generation, hashing, storage and lookup.

A key looks like `dsr_k3x9q2mf_<43 url-safe characters>`: `dsr_k3x9q2mf` is its prefix, stored
in clear so that logs and `dossier keys list` can name a key without revealing it; the rest is
`secrets.token_urlsafe(32)` (256 random bits). Only the SHA-256 hash of the whole key is stored.
A plain, unsalted fast hash is enough here because the keys are long random strings, not
passwords: there is no dictionary to attack and 2**256 candidates to brute-force, so slow
hashes (bcrypt, argon2) would add latency to every request without adding security. A lookup
finds the row by its prefix and compares the hashes with `hmac.compare_digest` (constant time).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import threading
import time
from dataclasses import dataclass

from psycopg import Connection

from api.pagination import Key, Listing, Sort, int64
from api.queries import load

queries = load("api_keys")
#: Keys over HTTP (GET /v1/keys), oldest first.
LISTING = Listing(queries, filters=("revoked",),
                  sorts=(Sort("created_at", "list_keys_page", (Key("id", "after_id", int64),)),))

KEY_NAMESPACE = "dsr"
SCOPES = ("read", "write", "admin")
SCOPE_RANK = {scope: rank for rank, scope in enumerate(SCOPES)}
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
_PREFIX_ID_LENGTH = 8
MAX_KEY_LENGTH = 200
#: How long a process remembers a key that authenticated (so a revocation takes effect within
#: this many seconds), and how many keys it remembers at most.
CACHE_SECONDS = 5.0
CACHE_SIZE = 1024


@dataclass(frozen=True)
class NewKey:
    """A freshly created key: `key` is shown once and never stored; `record` is the stored
    row (no secret), as `get_key` reads it."""

    key: str
    record: dict


@dataclass(frozen=True)
class KeyInfo:
    """The key a request authenticated with (never the secret)."""

    id: int
    prefix: str
    scope: str


def hash_key(key: str) -> str:
    """Hex SHA-256 of the key (see the module docstring for why this is enough)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def generate_key() -> tuple[str, str]:
    """A new random key and its prefix."""
    ident = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(_PREFIX_ID_LENGTH))
    prefix = f"{KEY_NAMESPACE}_{ident}"
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


def prefix_of(key: str) -> str | None:
    """The prefix of a well-formed key, else None (nothing is looked up for garbage)."""
    if len(key) > MAX_KEY_LENGTH:
        return None
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_NAMESPACE or len(parts[1]) != _PREFIX_ID_LENGTH:
        return None
    if not all(c in _PREFIX_ALPHABET for c in parts[1]) or len(parts[2]) < 32:
        return None
    return f"{parts[0]}_{parts[1]}"


def create_key(conn: Connection, name: str, scope: str) -> NewKey:
    """Store a new key with `scope` and return it (the only time the key itself is seen)."""
    if scope not in SCOPE_RANK:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    key, prefix = generate_key()
    row = queries.insert_key(conn, name=name, prefix=prefix, key_hash=hash_key(key), scope=scope)
    return NewKey(key=key, record=dict(row))


def list_keys(conn: Connection) -> list[dict]:
    return list(queries.list_keys(conn))


def get_key(conn: Connection, key_id: int) -> dict | None:
    return queries.get_key(conn, id=key_id)


def revoke_key(conn: Connection, key_id: int) -> dict | None:
    """Revoke a key (idempotent); None when there is no such key. This process forgets it
    at once; other processes within `CACHE_SECONDS`."""
    row = queries.revoke_key(conn, id=key_id)
    cache.forget(key_id)
    return row


def authenticate(conn: Connection, key: str) -> KeyInfo | None:
    """The key's identity when `key` is a valid, unrevoked key; None otherwise."""
    prefix = prefix_of(key)
    if prefix is None:
        return None
    row = queries.find_key_by_prefix(conn, prefix=prefix)
    if row is None or not hmac.compare_digest(row["key_hash"], hash_key(key)):
        return None
    if row["revoked_at"] is not None:
        return None
    if row["needs_touch"]:
        queries.touch_key(conn, id=row["id"])
    return KeyInfo(id=row["id"], prefix=row["prefix"], scope=row["scope"])


class KeyCache:
    """Keys that authenticated recently, by the SHA-256 of the key, for `CACHE_SECONDS`: a
    busy client is looked up in the database once per window and process, not per request.
    Only successful lookups are remembered; a revoked key keeps working for at most the rest
    of its window. Thread-safe; full means cleared."""

    def __init__(self, seconds: float = CACHE_SECONDS, size: int = CACHE_SIZE) -> None:
        self.seconds, self.size = seconds, size
        self._entries: dict[str, tuple[float, KeyInfo]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> KeyInfo | None:
        entry = self._entries.get(hash_key(key))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, key: str, info: KeyInfo) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[hash_key(key)] = (time.monotonic() + self.seconds, info)

    def forget(self, key_id: int) -> None:
        """Drop the entry of the key with this id, if this process remembers it."""
        with self._lock:
            for digest in [d for d, (_, info) in self._entries.items() if info.id == key_id]:
                del self._entries[digest]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


cache = KeyCache()


def has_scope(granted: str, needed: str) -> bool:
    """admin > write > read."""
    return SCOPE_RANK[granted] >= SCOPE_RANK[needed]
