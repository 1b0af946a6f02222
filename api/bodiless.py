"""Responses without a body (204, 304) carry no `Content-Type` (RFC 9110 §8.3)."""

from __future__ import annotations

from flask import Flask, Response


def init_app(app: Flask) -> None:
    @app.after_request
    def drop_content_type(response: Response) -> Response:
        if response.status_code in (204, 304):
            response.headers.pop("Content-Type", None)
        return response
