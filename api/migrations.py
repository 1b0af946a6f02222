"""Schema migrations: ordered plain SQL files in sql/migrations, applied with yoyo.

yoyo records what it applied in the database and holds a lock while migrating, so running
`dossier migrate` twice, or from two processes at once, is safe.
"""

from __future__ import annotations

from yoyo import get_backend, read_migrations

from api.config import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "sql" / "migrations"


def _yoyo_url(database_url: str) -> str:
    scheme, _, rest = database_url.partition("://")
    if scheme in {"postgres", "postgresql"}:
        scheme = "postgresql+psycopg"
    return f"{scheme}://{rest}"


def migrate(database_url: str) -> list[str]:
    """Apply every pending migration; return the ids of those applied."""
    backend = get_backend(_yoyo_url(database_url))
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]


def pending(database_url: str) -> list[str]:
    """Return the ids of migrations not yet applied."""
    backend = get_backend(_yoyo_url(database_url))
    return [m.id for m in backend.to_apply(read_migrations(str(MIGRATIONS_DIR)))]
