"""Liveness (`/health`) and readiness (`/ready`: the language model is loaded and the
database answers).

`/ready` also reports the extraction queue (`queue`): `stalled` when runnable work has waited
longer than DOSSIER_QUEUE_WARN_SECONDS, with the number of live workers. That does not make
the web process unready (it serves everything else), so it stays 200.
"""

from __future__ import annotations

from flask import Flask, jsonify

from api import db
from api.errors import problem
from api.extraction import model


def queue_report() -> dict | None:
    """The queue's health, or None when it cannot be read (e.g. not migrated yet)."""
    from api import queue
    from api.ingest_jobs import queue_health, stalled_warning

    try:
        with db.connection(readonly=True) as conn:
            health = queue_health(conn, queue.warn_seconds(), queue.stalled_seconds())
    except Exception:  # noqa: BLE001 - the report is optional
        return None
    health["warning"] = stalled_warning(health)
    return health


def init_app(app: Flask) -> None:
    model.start_loading()  # in the background: the first extraction finds it loaded

    @app.get("/health")
    def health():
        """The process is up (does not touch the database)."""
        return jsonify(status="ok")

    @app.get("/ready")
    def ready():
        """Ready to serve: the language model is loaded and the database answers within 1
        second; 503 otherwise."""
        if not model.is_loaded():
            return problem(
                503, "The language model is still loading.", headers={"Retry-After": "2"},
                type_="/problems/model-loading",
            )
        if db.ping():
            return jsonify(status="ready", database="ok", queue=queue_report())
        return problem(
            503, "The database is not reachable.", headers={"Retry-After": "5"},
            type_="/problems/database-unavailable",
        )
