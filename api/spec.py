"""The OpenAPI document generated from the code, rendered without a database."""

from __future__ import annotations

import yaml


def render_dict() -> dict:
    """The OpenAPI document as a dict (the app is built with a placeholder database URL;
    the pool connects lazily, so nothing is contacted)."""
    from api import create_app

    app = create_app({"DATABASE_URL": "postgresql://spec@localhost:1/spec", "DB_POOL_MIN": 0})
    with app.app_context():
        document = app.extensions["dossier.api"].spec.to_dict()
    app.extensions["dossier.db"].close()
    return document


def render_yaml() -> str:
    return yaml.safe_dump(render_dict(), sort_keys=False, allow_unicode=True, width=100)
