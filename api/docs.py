"""Browsable API docs that work offline: Swagger UI assets served from an installed package."""

from __future__ import annotations

from flask import Flask, redirect, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path


def init_app(app: Flask) -> None:
    @app.get("/docs/assets/<path:filename>")
    def swagger_ui_asset(filename: str):
        return send_from_directory(str(swagger_ui_path), filename, max_age=86400)

    @app.get("/")
    def index():
        return redirect(url_for("api-docs.openapi_swagger_ui"))
