"""Checks every request passes before it reaches a view."""

from __future__ import annotations

from flask import Flask, request

from api.errors import problem

BODY_METHODS = {"POST", "PUT", "PATCH"}


def init_app(app: Flask) -> None:
    @app.before_request
    def require_json_body():
        """A request body must be JSON (415 otherwise), so that a form post or plain text gets
        a clear answer instead of a confusing validation error."""
        has_body = request.method in BODY_METHODS and (request.content_length or request.data)
        if has_body and not request.is_json:
            return problem(
                415, "Send the request body as JSON with Content-Type: application/json."
            )
        return None
