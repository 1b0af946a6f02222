"""Dossier: a REST API for structured news-article metadata."""

from __future__ import annotations

from types import FunctionType
from typing import Any

from flask import Flask

from api import (
    auth,
    bodiless,
    config,
    db,
    docs,
    guards,
    health,
    limits,
    logs,
    rate_limit,
    security,
    urls,
)
from api.openapi import SPEC_CONFIG, make_api
from api.resources import register_blueprints


class DossierFlask(Flask):
    """Flask, remembering which hooks and views need no async adapter: Flask asks
    `inspect.iscoroutinefunction` of every before/after-request hook on every request (about
    20 of them here, 2-3 % of an item GET's time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict[FunctionType, Any] = {}

    def ensure_sync(self, func: Any) -> Any:  # type: ignore[override]
        if type(func) is not FunctionType:  # bound methods are new objects every time
            return super().ensure_sync(func)
        runnable = self._sync.get(func)
        if runnable is None:
            runnable = self._sync[func] = super().ensure_sync(func)
        return runnable


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: configuration from the environment, overridden by `test_config`."""
    app = DossierFlask(__name__)
    app.config.update(config.from_env())
    app.config.update(SPEC_CONFIG)
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]

    db.init_app(app)
    urls.init_app(app)  # before any route: the id converter
    # Request hooks run in this order: request id, the client address's rate-limit gate (no
    # database work before it), auth (sets g.api_key), the rate limit of the key (or
    # address), size limits, undecodable input, content type.
    logs.init_app(app)
    rate_limit.init_gate(app)
    auth.init_app(app)
    rate_limit.init_charge(app)
    limits.init_app(app)
    security.init_app(app)
    guards.init_app(app)
    bodiless.init_app(app)
    api = make_api(app)
    app.extensions["dossier.api"] = api
    register_blueprints(api)
    auth.document(api)
    health.init_app(app)
    docs.init_app(app)
    return app
