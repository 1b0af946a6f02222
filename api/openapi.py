"""The flask-smorest Api: problem+json errors in code and in the OpenAPI document alike."""

from __future__ import annotations

import copy
import http

import marshmallow as ma
from apispec import APISpec, BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask_smorest import Api
from flask_smorest import etag as smorest_etag
from flask_smorest.utils import prepare_response

from api import errors
from api.operations import fallback_operation_id, operation_id
from api.pagination import NDJSON
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
    "OPENAPI_VERSION": "3.1.0",
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
    `ArticleSchema`, `PersonIdName` for `PersonSchema(only=("id", "name"))`; request bodies
    (see `api.blueprint.request_body_schema`) are `<Name>Create` or `<Name>Update`."""
    cls = resolve_schema_cls(schema)
    cls = cls[0] if isinstance(cls, list) else cls
    name = cls.__name__.removesuffix("Schema") or cls.__name__
    if getattr(schema, "request_body", False):
        if schema.partial:
            return name.removesuffix("Create") + "Update"
        return name if name.endswith("Create") else name + "Create"
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


HEADERS = {
    "LINK": {"description": 'The next page, as `<url>; rel="next"` (absent on the last page).',
             "schema": {"type": "string"}},
    "LOCATION": {"description": "Path of the created (or, with 409, the existing) record.",
                 "schema": {"type": "string"}},
    "RETRY_AFTER": {"description": "Seconds to wait before trying again.",
                    "schema": {"type": "integer"}},
    "RATELIMIT_LIMIT": {"description": "Requests allowed in the current window (see "
                        "docs/production.md for how windows are counted).",
                        "schema": {"type": "integer"}},
    "RATELIMIT_REMAINING": {"description": "Requests left in the current window.",
                            "schema": {"type": "integer"}},
    "RATELIMIT_RESET": {"description": "Seconds until the current window ends.",
                        "schema": {"type": "integer"}},
    "RATELIMIT_POLICY": {"description": "The limit as `<requests>;w=<window seconds>`.",
                         "schema": {"type": "string"}},
}
RATE_LIMIT_HEADERS = {"RateLimit-Limit": "RATELIMIT_LIMIT",
                      "RateLimit-Remaining": "RATELIMIT_REMAINING",
                      "RateLimit-Reset": "RATELIMIT_RESET",
                      "RateLimit-Policy": "RATELIMIT_POLICY"}


class ConventionsPlugin(BasePlugin):
    """Makes the document say what the code does, for every operation at once:

    - each operation has its `operationId` from `api/operations.py`;
    - an optional query parameter is simply absent: no `null` in its type or enum and no
      `default: null` (a query string cannot carry a null), and no `example`, so that "Try it
      out" starts from an unfiltered request;
    - every operation under /v1 documents 503 (database unreachable or a statement over
      its time limit, with `Retry-After`);
    - an operation with a path id documents 404, one with a `cursor` documents 400 and the
      `Link` header of its pages; 201 and 202 document `Location`; success responses under /v1
      document the `RateLimit-*` headers.
    """

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        path = path or ""
        versioned = path.startswith("/v1/")
        for method, operation in (operations or {}).items():
            operation.setdefault(
                "operationId", operation_id(method, path) or fallback_operation_id(method, path)
            )
            parameters = [p for p in operation.get("parameters", []) if isinstance(p, dict)]
            for parameter in parameters:
                if parameter.get("in") == "query":
                    _plain_query_parameter(parameter)
            responses = operation.setdefault("responses", {})
            for code in list(responses):
                responses[str(code)] = responses.pop(code)
            if "{" in path:
                responses.setdefault("404", "NOT_FOUND")
            if versioned:
                responses.setdefault("503", "SERVICE_UNAVAILABLE")
            paged = any(p.get("name") == "cursor" for p in parameters)
            if paged:
                responses.setdefault("400", "BAD_REQUEST")
            for code, response in responses.items():
                if not (isinstance(response, dict) and code.startswith("2")):
                    continue
                headers = response.setdefault("headers", {})
                if paged and code == "200":
                    headers["Link"] = "LINK"
                if code in ("201", "202"):
                    headers["Location"] = "LOCATION"
                if versioned:
                    headers.update(RATE_LIMIT_HEADERS)


def _plain_query_parameter(parameter: dict) -> None:
    schema = parameter.get("schema", {})
    parameter.pop("example", None)
    schema.pop("example", None)
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        remaining = [t for t in types if t != "null"]
        schema["type"] = remaining[0] if len(remaining) == 1 else remaining
        if schema.get("default", ...) is None:
            schema.pop("default")
        if "enum" in schema:
            schema["enum"] = [v for v in schema["enum"] if v is not None]


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

    def _init_spec(self, **kwargs) -> None:  # type: ignore[override]
        super()._init_spec(**kwargs)
        self.spec.__class__ = DocumentSpec

    def _register_pagination_header(self) -> None:
        """Pages are keyset pages (`Link`, `next_cursor`), not flask-smorest's page numbers."""

    def _register_responses(self) -> None:
        """Document every error response as `application/problem+json`."""
        for name, header in HEADERS.items():
            self.spec.components.header(name, header, lazy=True)
        for status in http.HTTPStatus:
            response: dict = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            if status in (429, 503):
                response["headers"] = {"Retry-After": "RETRY_AFTER"}
            if status == 429:
                response["headers"].update(RATE_LIMIT_HEADERS)
            prepare_response(response, self.spec, errors.PROBLEM_MIME)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, errors.PROBLEM_MIME)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


# Response fields that may be absent; every other field of a response schema is always sent
# (null when it has no value) and so listed as `required`, which SDKs type as not optional.
SOMETIMES_ABSENT: dict[str, set[str]] = {
    "Problem": {"detail", "instance", "request_id", "errors"},
    "ArticleDetail": {"people", "organizations", "quotes", "financial_figures"},
    "ArticleListItem": {"body"},
    "Quote": {"article", "speaker"},
    "FinancialFigure": {"article"},
}


class DocumentSpec(APISpec):
    """The document as rendered: request-body schemas carry no `default` (the server fills
    them in; generators such as openapi-typescript would otherwise make those fields
    required) and a PATCH body needs one property at least, response schemas list what
    they always carry as `required` (see `SOMETIMES_ABSENT`), each set of choices is one
    named enum (see `_name_enums`), and no schema that nothing refers to is listed."""

    def to_dict(self) -> dict:
        # A copy: apispec's dict shares the registered components, which stay as registered.
        document = copy.deepcopy(super().to_dict())
        schemas = document.get("components", {}).get("schemas", {})
        _name_enums(document, schemas)
        requests = _referenced(document.get("paths", {}), schemas, "requestBody")
        for name in requests:
            for prop in schemas[name].get("properties", {}).values():
                prop.pop("default", None)
            if name.endswith("Update"):  # a PATCH changes at least one field (StrictSchema)
                schemas[name]["minProperties"] = 1
        _ndjson_exports(document, schemas)
        for name, schema in schemas.items():
            if name not in requests and "properties" in schema:
                optional = SOMETIMES_ABSENT.get(name, set())
                if name.endswith("Page"):
                    optional = optional | {"total"}
                schema["required"] = [p for p in schema["properties"] if p not in optional]
        used = _referenced(document, schemas)
        for name in [n for n in schemas if n not in used]:
            del schemas[name]
        return {"openapi": document.pop("openapi"), **document}


def _ndjson_exports(document: dict, schemas: dict) -> None:
    """Every list's 200 response also comes as `application/x-ndjson` (its NDJSON export):
    one item per line, each an instance of the page's item schema."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
            page = schemas.get(ref.rsplit("/", 1)[-1]) if ref.endswith("Page") else None
            if page is None:
                continue
            item = page["properties"]["data"]["items"]
            content[NDJSON] = {"schema": item}


def _referenced(node: object, schemas: dict, under: str | None = None) -> set[str]:
    """Names of the component schemas that `node` refers to, directly or through other
    schemas; with `under`, only from below keys of that name (e.g. request bodies)."""
    found: set[str] = set()
    pending: list[str] = []

    def collect(value: object, inside: bool) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "$ref" and inside and isinstance(child, str):
                    pending.append(child)
                else:
                    collect(child, inside or key == under)
        elif isinstance(value, list):
            for child in value:
                collect(child, inside)

    if under:
        collect(node, False)
    else:
        collect({k: v for k, v in node.items() if k != "components"}, True)
        collect({k: v for k, v in node.get("components", {}).items() if k != "schemas"}, True)
    while pending:
        ref = pending.pop()
        name = ref.rsplit("/", 1)[-1]
        if ref.startswith("#/components/schemas/") and name not in found and name in schemas:
            found.add(name)
            collect(schemas[name], True)
    return found


def _choices(prop: dict) -> tuple | None:
    """The non-null values of a string enum property, or None."""
    if "enum" not in prop:
        return None
    values = tuple(v for v in prop["enum"] if v is not None)
    return values if values and all(isinstance(v, str) for v in values) else None


def _name_enums(document: dict, schemas: dict) -> None:
    """Turn each property enum into a component named for its shortest owner and property
    (`FinancialFigureKind`, `QuoteSpeakerType`), shared by every schema and query parameter
    with the same name and values, so an SDK has one `FinancialFigureKind` type instead of
    one per model, and a nullable enum is `anyOf: [enum, null]` rather than a union of
    look-alike enums."""
    owners: dict[tuple[str, tuple], list[str]] = {}
    for name, schema in schemas.items():
        for prop_name, prop in schema.get("properties", {}).items():
            values = _choices(prop)
            if values:
                owners.setdefault((prop_name, values), []).append(name)
    names: dict[tuple[str, tuple], str] = {}
    for (prop_name, values), owned_by in owners.items():
        owner = min(owned_by, key=len)
        enum_name = owner + "".join(w.title() for w in prop_name.split("_"))
        if enum_name in schemas or enum_name in names.values():
            continue
        names[(prop_name, values)] = enum_name
    for schema in list(schemas.values()):
        for prop_name, prop in schema.get("properties", {}).items():
            enum_name = names.get((prop_name, _choices(prop) or ()))
            if enum_name:
                schema["properties"][prop_name] = _enum_ref(prop, enum_name)
    for (_prop_name, values), enum_name in names.items():
        schemas[enum_name] = {"type": "string", "enum": list(values)}
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                target = schema.get("items", schema) if schema.get("type") == "array" else schema
                enum_name = names.get((parameter.get("name"), _choices(target) or ()))
                if enum_name:
                    for key in ("type", "enum"):
                        target.pop(key, None)
                    target["$ref"] = f"#/components/schemas/{enum_name}"


def _enum_ref(prop: dict, enum_name: str) -> dict:
    """`prop` referring to the enum component, keeping its description and flags."""
    nullable = None in prop.get("enum", []) or "null" in (prop.get("type") or [])
    ref = {"$ref": f"#/components/schemas/{enum_name}"}
    rest = {k: v for k, v in prop.items() if k not in ("type", "enum")}
    if nullable:
        return {**rest, "anyOf": [ref, {"type": "null"}]}
    return {**rest, **ref}
