"""Liveness (`/health`) and readiness (`/ready`: the language model is loaded and the
database answers)."""

from __future__ import annotations

from flask import Flask, jsonify

from api import db
from api.errors import problem
from api.extraction import model


def init_app(app: Flask) -> None:
    model.start_loading()  # in the background: the first extraction finds it loaded

    @app.get("/health")
    def health():
        """The process is up (does not touch the database)."""
        return jsonify(status="ok")

    @app.get("/ready")
    def ready():
        """Ready to serve: the language model is loaded and the database answers within 2
        seconds; 503 otherwise."""
        if not model.is_loaded():
            return problem(
                503, "The language model is still loading.", headers={"Retry-After": "2"},
                type_="/problems/model-loading",
            )
        if db.ping():
            return jsonify(status="ready", database="ok")
        return problem(
            503, "The database is not reachable.", headers={"Retry-After": "5"},
            type_="/problems/database-unavailable",
        )
