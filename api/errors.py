"""RFC 9457 problem+json for every error: HTTP errors, validation, database faults, crashes.

Responses never carry a stack trace or SQL; the full error goes to the log with the request id.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar

import psycopg
from flask import Flask, Response, g, has_request_context, json, request
from psycopg import errors as pg_errors
from psycopg_pool import PoolTimeout
from werkzeug.exceptions import HTTPException

T = TypeVar("T")

log = logging.getLogger(__name__)

PROBLEM_MIME = "application/problem+json"
RETRY_AFTER_SECONDS = 5

FRIENDLY_DETAILS = {
    404: "No resource at this URL.",
    405: "This method is not allowed here; see the Allow header.",
    412: "The If-Match ETag is stale: the record changed since it was read. "
         "GET it again and retry with the new ETag.",
    413: "The request body is larger than the configured limit.",
    429: "Too many requests for this API key (or, without a key, this address); "
         "retry after the number of seconds in Retry-After.",
}


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into `{"field.sub": ["message", ...]}`."""
    if isinstance(messages, Mapping):
        out: dict[str, list[str]] = {}
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, path))
        return out
    if isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": [str(m) for m in messages]}
    if isinstance(messages, list | tuple):
        out = {}
        for index, value in enumerate(messages):
            out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "_schema": [str(messages)]}


def problem_document(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The members of a problem document (with `instance` and `request_id` inside a request)."""
    from http import HTTPStatus

    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if has_request_context():
        body["instance"] = request.path
        request_id = g.get("request_id")
        if request_id:
            body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    return body


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    errors: dict[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Build an `application/problem+json` response."""
    body = problem_document(status, detail, title=title, type_=type_, errors=errors)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MIME)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


class RequestReadTimeout(TimeoutError):
    """The client did not send its request body in time (raised by the server's socket,
    api/server.py); answered 408."""


def read_timeout() -> Response:
    return problem(408, "The request body was not received in time.")


def _caused_by_read_timeout(error: BaseException) -> bool:
    seen = 0
    cause: BaseException | None = error
    while cause is not None and seen < 10:
        if isinstance(cause, RequestReadTimeout):
            return True
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def _validation_detail(errors: dict[str, list[str]]) -> str:
    """One sentence per field, in the style of `invalid`: `Invalid value for 'f': message`;
    an error of the whole body (`_schema`) is its message alone."""
    return "; ".join(" ".join(msgs) if field == "_schema" else
                     f"Invalid value for '{field}': {' '.join(msgs)}"
                     for field, msgs in errors.items())


def handle_http_exception(error: HTTPException) -> Response:
    """HTTP errors raised by Flask, werkzeug, webargs or `abort()`."""
    if _caused_by_read_timeout(error):  # werkzeug reports a body read that timed out as 400
        return read_timeout()
    status = error.code or 500
    if status >= 500:
        original = getattr(error, "original_exception", None)
        if original is not None:
            return handle_exception(original)
    data = getattr(error, "data", None) or {}
    headers = dict(data.get("headers") or {})
    if status == 304:
        return Response(status=304, headers=headers)  # no body; its ETag is in `headers`
    if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    messages = data.get("errors") or data.get("messages")
    if messages == {"json": ["Invalid JSON body."]}:
        return problem(400, "The request body is not valid JSON.")
    if messages:
        # webargs nests messages under the location ("json", "query", ...): drop that level.
        if isinstance(messages, Mapping) and set(messages) <= {
            "json", "query", "querystring", "path", "view_args", "headers", "form", "files",
        }:
            merged: dict[str, Any] = {}
            for value in messages.values():
                merged.update(value if isinstance(value, Mapping) else {"_schema": value})
            messages = merged
        errors = _flatten(messages)
        detail = data.get("message") or _validation_detail(errors)
        return problem(
            status, detail, type_="/problems/validation-error", errors=errors, headers=headers
        )
    detail = data.get("message") or FRIENDLY_DETAILS.get(status) or error.description
    return problem(status, detail, headers=headers)


def handle_exception(error: Exception) -> Response:
    """Anything that is not an HTTPException: database faults and bugs."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    if isinstance(error, ApiError):
        return error.response()
    if isinstance(error, RequestReadTimeout):
        return read_timeout()
    retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if isinstance(error, pg_errors.QueryCanceled):
        log.warning("statement timeout: %s", error)
        return problem(503, "The query took too long and was cancelled.", headers=retry,
                       type_="/problems/query-timeout")
    if isinstance(error, PoolTimeout | psycopg.OperationalError):
        log.warning("database unavailable: %s", error)
        return problem(
            503, "The database is unavailable; retry later.", headers=retry,
            type_="/problems/database-unavailable",
        )
    if isinstance(error, pg_errors.UniqueViolation):
        return problem(409, "A record with the same unique value already exists.")
    if isinstance(error, pg_errors.ForeignKeyViolation):
        return problem(422, "A referenced record does not exist.")
    if isinstance(error, pg_errors.IntegrityError | pg_errors.DataError):
        return problem(422, "The data violates a constraint of the data model.")
    log.exception("unhandled error")
    return problem(500, "An internal error occurred; it has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_exception)


class ApiError(Exception):
    """An error a view raises to answer with a specific problem response."""

    def __init__(
        self, status: int, detail: str, *, errors: dict[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers

    def response(self) -> Response:
        type_ = "/problems/validation-error" if self.errors else "about:blank"
        return problem(
            self.status, self.detail, errors=self.errors, headers=self.headers, type_=type_
        )


def invalid(field: str, message: str, *, status: int = 422) -> ApiError:
    """The one error for a bad parameter or body field: `Invalid value for 'field': message`,
    with `errors: {field: [message]}` (422, or 400 for what cannot be parsed)."""
    return ApiError(status, f"Invalid value for '{field}': {message}", errors={field: [message]})


def not_found(kind: str, id_: object) -> ApiError:
    return ApiError(404, f"No {kind} with id {id_}.")


def require(row: T | None, kind: str, id_: int) -> T:
    """`row` (a record, or any value read for it), or a 404 for the `kind` with id `id_`."""
    if row is None:
        raise not_found(kind, id_)
    return row
