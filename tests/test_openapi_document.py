"""The OpenAPI document as SDK generators read it: names, shapes, headers, examples."""

from __future__ import annotations

import pytest

from api.operations import OPERATION_IDS, operation_id
from api.spec import render_dict

METHODS = {"get", "post", "patch", "put", "delete"}


@pytest.fixture(scope="module")
def document() -> dict:
    return render_dict()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def test_version_is_3_1(document: dict) -> None:
    assert document["openapi"].startswith("3.1.")


def test_every_operation_has_its_named_operation_id(document: dict) -> None:
    seen: dict[str, str] = {}
    for method, path, operation in operations(document):
        expected = operation_id(method, path)
        assert expected, f"{method.upper()} {path} has no name in api/operations.py"
        assert operation["operationId"] == expected
        assert expected not in seen, f"{expected} names {seen.get(expected)} too"
        seen[expected] = f"{method} {path}"
        assert operation.get("tags"), f"{expected} has no tag"
    assert {"listArticles", "getArticle", "createArticle", "updateArticle", "deleteArticle",
            "listArticleQuotes", "mergePeople", "searchAll"} <= set(seen)
    assert set(seen) <= set(OPERATION_IDS.values())


def _properties(document: dict, ref: str) -> dict:
    return document["components"]["schemas"][ref.rsplit("/", 1)[-1]].get("properties", {})


def test_request_bodies_have_no_read_only_fields_or_defaults(document: dict) -> None:
    """No request model offers `id`, `created_at` or counts, and no optional field has a
    `default` (which openapi-typescript turns into a required field)."""
    for method, path, operation in operations(document):
        body = operation.get("requestBody")
        if not body:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"]
        for name, prop in _properties(document, ref).items():
            assert not prop.get("readOnly"), f"{method} {path}: {name} is read-only"
            assert "default" not in prop, f"{method} {path}: {name} has a default"
    create = _properties(document, "#/components/schemas/ArticleCreate")
    assert {"title", "body", "extract", "metadata"} <= set(create)
    assert not {"id", "created_at", "people_count"} & set(create)
    assert "id" in _properties(document, "#/components/schemas/Article")


def test_query_parameters_have_no_examples_or_nulls(document: dict) -> None:
    """"Try it out" starts unfiltered: no filter is pre-filled with an example."""
    for method, path, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if parameter.get("in") != "query":
                continue
            schema = parameter["schema"]
            where = f"{method} {path} ?{parameter['name']}"
            assert "example" not in parameter and "example" not in schema, where
            assert "null" not in (schema.get("type") or []), where
            assert None not in schema.get("enum", []), where


def test_headers_are_documented(document: dict) -> None:
    paths = document["paths"]
    listed = paths["/v1/articles"]["get"]["responses"]["200"]["headers"]
    assert {"Link", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= set(listed)
    assert "Location" in paths["/v1/articles"]["post"]["responses"]["201"]["headers"]
    assert "ETag" in paths["/v1/articles/{article_id}"]["get"]["responses"]["200"]["headers"]
    responses = document["components"]["responses"]
    assert "Retry-After" in responses["TOO_MANY_REQUESTS"]["headers"]
    assert "Retry-After" in responses["SERVICE_UNAVAILABLE"]["headers"]


def test_no_unused_schemas_and_one_enum_per_choice(document: dict) -> None:
    import json

    text = json.dumps(document)
    schemas = document["components"]["schemas"]
    unused = [n for n in schemas if f'"#/components/schemas/{n}"' not in text]
    assert not unused
    assert "PaginationMetadata" not in schemas
    assert schemas["FinancialFigureKind"]["enum"] == ["money", "percent"]


def test_examples_are_realistic(document: dict) -> None:
    """Examples come from the demo article: no "string" titles, no empty spans."""
    schemas = document["components"]["schemas"]
    for name, schema in schemas.items():
        for prop_name, prop in schema.get("properties", {}).items():
            assert prop.get("example") != "string", f"{name}.{prop_name}"
        example = schema.get("example")
        if isinstance(example, dict) and {"start", "end"} <= set(example):
            assert example["start"] < example["end"], name
    article = schemas["Article"]["properties"]
    assert article["title"].get("example")
