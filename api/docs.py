"""Browsable API docs that work offline: Swagger UI 5 (which renders OpenAPI 3.1) served from
the assets the `flask-swagger-ui` wheel ships in its `dist` folder; no CDN."""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Flask, redirect, send_from_directory, url_for

swagger_ui_path = Path(flask_swagger_ui.__file__).parent / "dist"


def init_app(app: Flask) -> None:
    @app.get("/docs/assets/<path:filename>")
    def swagger_ui_asset(filename: str):
        return send_from_directory(str(swagger_ui_path), filename, max_age=86400)

    @app.get("/")
    def index():
        return redirect(url_for("api-docs.openapi_swagger_ui"))
