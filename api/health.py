"""Liveness (`/health`) and readiness (`/ready`: the database answers)."""

from __future__ import annotations

from flask import Flask, jsonify

from api import db
from api.errors import problem


def init_app(app: Flask) -> None:
    @app.get("/health")
    def health():
        """The process is up (does not touch the database)."""
        return jsonify(status="ok")

    @app.get("/ready")
    def ready():
        """Ready to serve: the database answers within 2 seconds; 503 otherwise."""
        if db.ping():
            return jsonify(status="ready", database="ok")
        return problem(
            503, "The database is not reachable.", headers={"Retry-After": "5"},
            type_="/problems/database-unavailable",
        )
