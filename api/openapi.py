"""The flask-smorest Api: problem+json errors in code and in the OpenAPI document alike."""

from __future__ import annotations

import http

import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask_smorest import Api
from flask_smorest import etag as smorest_etag
from flask_smorest.utils import prepare_response

from api import errors
from schemas.common import DecimalString, ProblemSchema

API_TITLE = "Dossier"
API_VERSION = "v1"
API_DESCRIPTION = """Structured news-article metadata: articles and the people, organizations,
quotes and financial figures in them, with where in the text each was found.

Conventions: JSON with snake_case fields and UTC ISO 8601 timestamps; lists use keyset
pagination (`limit`, `cursor`; the body carries `next_cursor` and `has_more`, the `Link` header
the next page); every error is an RFC 9457 `application/problem+json` document. Character
offsets are Unicode code-point indices into the article body, `[start, end)`.
"""

SPEC_CONFIG = {
    "API_TITLE": API_TITLE,
    "API_VERSION": API_VERSION,
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
    "API_SPEC_OPTIONS": {
        "info": {"description": API_DESCRIPTION, "license": {"name": "MIT"}},
        "servers": [{"url": "/"}],
    },
}


def schema_name(schema: type[ma.Schema] | ma.Schema) -> str:
    """Component name of a schema: `ArticleUpdate` for a `partial=True` instance of
    `ArticleSchema`, `PersonIdName` for `PersonSchema(only=("id", "name"))`."""
    cls = resolve_schema_cls(schema)
    cls = cls[0] if isinstance(cls, list) else cls
    name = cls.__name__.removesuffix("Schema") or cls.__name__
    if isinstance(schema, ma.Schema):
        if schema.only:
            name += "".join(part.title() for f in sorted(schema.only) for part in f.split("_"))
        if schema.exclude:
            name += "Without" + "".join(
                part.title() for f in sorted(schema.exclude) for part in f.split("_")
            )
        if schema.partial:
            name += "Update"
    return name


class ConventionsPlugin(BasePlugin):
    """Makes the document say what the code does, for every operation at once:

    - an optional query parameter is simply absent: no `nullable`/`default: null`, no `null`
      in its enum (a query string cannot carry a null);
    - an operation with a path id documents 404, one with a `cursor` documents 400.
    """

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for operation in (operations or {}).values():
            parameters = [p for p in operation.get("parameters", []) if isinstance(p, dict)]
            for parameter in parameters:
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and schema.get("nullable"):
                    schema.pop("nullable")
                    if schema.get("default", ...) is None:
                        schema.pop("default")
                    if "enum" in schema:
                        schema["enum"] = [v for v in schema["enum"] if v is not None]
            responses = operation.setdefault("responses", {})
            if "{" in (path or ""):
                responses.setdefault(404, "NOT_FOUND")
            if any(p.get("name") == "cursor" for p in parameters):
                responses.setdefault(400, "BAD_REQUEST")


def make_api(app) -> Api:
    """The Api bound to `app`, with component names from `schema_name`."""
    plugin = MarshmallowPlugin(schema_name_resolver=schema_name)
    api = DossierApi(app, spec_kwargs={"marshmallow_plugin": plugin,
                                       "extra_plugins": [ConventionsPlugin()]})
    api.register_field(DecimalString, "string", "decimal")
    api.register_field(ma.fields.Url, "string", "uri")
    return api


class DossierApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        errors.init_app(self._app)

    def _register_etag_headers(self) -> None:
        """If-Match is optional (see api/blueprint.py)."""
        super()._register_etag_headers()
        self.spec.components.parameter(
            "IF_MATCH", "header", {**smorest_etag.IF_MATCH_HEADER, "required": False,
                                   "description": "ETag from a GET; 412 if the record changed."},
            lazy=True,
        )

    def handle_http_exception(self, error):  # type: ignore[override]
        return errors.handle_http_exception(error)

    def _register_responses(self) -> None:
        """Document every error response as `application/problem+json`."""
        for status in http.HTTPStatus:
            response: dict = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, errors.PROBLEM_MIME)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, errors.PROBLEM_MIME)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
