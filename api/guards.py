"""Checks every request passes before it reaches a view."""

from __future__ import annotations

from flask import Flask, request

from api.blueprint import NDJSON_TYPES
from api.errors import problem

BODY_METHODS = {"POST", "PUT", "PATCH"}
# Where a body may also be NDJSON (one JSON document per line).
NDJSON_PATHS = frozenset({"/v1/ingest-jobs"})


def init_app(app: Flask) -> None:
    @app.before_request
    def require_json_body():
        """A request body must be JSON (415 otherwise), so that a form post or plain text gets
        a clear answer instead of a confusing validation error."""
        has_body = request.method in BODY_METHODS and (request.content_length or request.data)
        ndjson = request.path in NDJSON_PATHS and request.mimetype in NDJSON_TYPES
        if has_body and not request.is_json and not ndjson:
            return problem(
                415, "Send the request body as JSON with Content-Type: application/json."
            )
        return None
