"""Hostile input on every parameter and body field of every operation in the OpenAPI document
(discovered at test time, so new resources are covered): SQL metacharacters, NUL bytes, lone
surrogates, invalid UTF-8, huge, negative and non-finite numbers, wrong types, deep nesting,
10 MB strings and wrong content types. Never a 5xx; a rejected request changes nothing in the
database (a fingerprint of every data table); an accepted one (harmless text in a free-text
field) is fine."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest

SEED_BODY = ("Vladimir Putin met Kim Jong Un in Moscow. “We agree,” said Putin. "
             "Trade rose 12% to $3 billion.")


def seed_metadata() -> dict[str, Any]:
    """Two people, two organizations, affiliations, quotes and linked figures."""
    return {
        "people": [
            {"name": "Vladimir Putin", "aliases": ["Putin"], "description": "Russian President",
             "mentions": [{"start": 0, "end": 14}]},
            {"name": "Kim Jong Un", "mentions": [{"start": 19, "end": 30}]},
        ],
        "organizations": [{"name": "Kremlin", "kind": "government"},
                          {"name": "Korean Workers' Party", "kind": "other"}],
        "affiliations": [{"person": "Putin", "organization": "Kremlin", "role": "president"},
                         {"person": "Kim Jong Un", "organization": "Korean Workers' Party"}],
        "quotes": [{"speaker": "Putin", "text": "We agree,", "verb": "said",
                    "start": 43, "end": 52},
                   {"speaker": "Kim Jong Un", "text": "Moscow", "start": 34, "end": 40}],
        "financial_figures": [
            {"kind": "percent", "value": "12", "text": "12%", "start": 76, "end": 79,
             "related_index": 1},
            {"kind": "money", "value": "3000000000", "currency": "USD", "text": "$3 billion",
             "start": 83, "end": 93, "measures": "trade"},
        ],
    }


DATA_TABLES = ("articles", "people", "organizations", "affiliations", "mentions", "quotes",
               "financial_figures")
HOSTILE = "__HOSTILE__"

# Raw JSON tokens put in place of a body field (some are not JSON a library would produce).
BODY_VALUES = [
    '"\' OR 1=1 --"', '"\'; DROP TABLE articles; --"', '"1); DELETE FROM quotes; --"',
    '"%s %(x)s $1 :name ?"', '"a\\u0000b"', '"\\ud800"', '"\\udfff\\ud800"', '"\\\\"',
    "1" + "0" * 400, "-" + "9" * 50, "-1", "-1e308", "1e999", "NaN", "Infinity", "-Infinity",
    '"NaN"', '"-5"', '"1e999"', "true", "null", "[]", "{}", '[{"$gt": ""}]', '{"$ne": 1}',
    '"' + "x" * 100_000 + '"', '"2024-13-45T99:99:99Z"', '"\\u202e\\ufeff\\u200b"', "0.1e-999",
    "9" * 5000,  # past Python's 4,300-digit limit for int(): json.loads raises ValueError
]
# Query-string values (already URL-encoded where needed).
QUERY_VALUES = [
    quote("' OR 1=1 --"), quote("'; DROP TABLE articles; --"), "%00", "a%00b", "%FF%FE",
    "%ED%A0%80", "9" * 400, "-1", "-9" * 30, "NaN", "Infinity", "1e999", "0x10", "%5B%5D",
    quote("{\"$gt\": \"\"}"), "2024-13-45T99:99:99Z", "a" * 5000, quote("\u202e"), "",
    quote("\\"), quote("%"), quote("_"), quote("*:*"),
]
PATH_VALUES = ["0", "-1", "9" * 40, "1%00", "%FF", quote("1 OR 1=1"), "1.5", "NaN",
               quote("\u0661"), quote("\uff11")]  # Arabic-Indic and fullwidth digit one
HEADER_VALUES = ["' OR 1=1 --", '"\\"', "*", "W/\"x\"" * 1000, "\u00ff"]


def fingerprint(db) -> dict[str, str]:
    """A hash of the contents of every data table."""
    return {t: db.execute(f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))"
                          f" AS h FROM {t} x").fetchone()["h"] for t in DATA_TABLES}


def resolve(document: dict, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(document: dict) -> list[dict]:
    ops = []
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method == "parameters":
                continue
            params = [resolve(document, p) for p in shared + op.get("parameters", [])]
            body = resolve(document, op.get("requestBody", {}).get("content", {})
                           .get("application/json", {}).get("schema"))
            props = {}
            if body:
                props = {name: resolve(document, schema)
                         for name, schema in body.get("properties", {}).items()
                         if not resolve(document, schema).get("readOnly")}
            ops.append({"method": method.upper(), "path": path, "params": params,
                        "fields": props})
    return ops


@pytest.fixture
def seeded(client, db):
    """One article with people, organizations, quotes and figures (ids 1 everywhere)."""
    response = client.post("/v1/articles", json={
        "url": "https://news.example.com/hostile/1", "title": "Summit", "body": SEED_BODY,
        "source": "Example News", "metadata": seed_metadata()})
    assert response.status_code == 201, response.json
    return client


def url_for_op(op: dict, overrides: dict[str, str] | None = None) -> str:
    overrides = overrides or {}
    return re.sub(r"\{([^}]+)\}", lambda m: overrides.get(m.group(1), "1"), op["path"])


def base_body(client, op: dict, counter: list[int]) -> dict:
    """A body that is valid or close to it, so the hostile field is what gets judged."""
    if op["method"] == "PATCH":
        return {}
    if op["path"] == "/v1/articles":
        counter[0] += 1
        return {"url": f"https://news.example.com/hostile/b{counter[0]}", "title": "T",
                "body": SEED_BODY}
    item = client.get(op["path"] + "/1")
    if item.status_code == 200:
        return {k: v for k, v in item.json.items() if k in op["fields"]}
    return {}


def check(response, db, before: dict, what: str) -> dict:
    """No 5xx; a rejected request changed nothing. Returns the new baseline."""
    status = response.status_code
    assert status < 500, (what, status, response.get_data(as_text=True)[:500])
    if status >= 400:
        assert response.content_type == "application/problem+json", what
        assert fingerprint(db) == before, f"rejected request changed the database: {what}"
        return before
    return fingerprint(db)


def test_hostile_query_path_and_header_values(seeded, db):
    client = seeded
    document = client.get("/openapi.json").json
    before = fingerprint(db)
    for op in operations(document):
        for param in op["params"]:
            name, location = param["name"], param["in"]
            values = {"query": QUERY_VALUES, "path": PATH_VALUES,
                      "header": HEADER_VALUES}.get(location, [])
            for value in values:
                url = url_for_op(op, {name: value} if location == "path" else None)
                headers = {}
                if location == "query":
                    url += f"?{name}={value}"
                if location == "header":
                    headers[name] = value
                body = {} if op["method"] in ("POST", "PATCH") else None
                response = client.open(url, method=op["method"], json=body, headers=headers)
                before = check(response, db, before, f"{op['method']} {url} {name}={value!r}")
                if location == "path":
                    assert response.status_code >= 400, (op["path"], value)


def test_hostile_body_fields(seeded, db):
    client = seeded
    document = client.get("/openapi.json").json
    counter = [0]
    before = fingerprint(db)
    tested = 0
    for op in operations(document):
        if op["method"] not in ("POST", "PATCH", "PUT") or not op["fields"]:
            continue
        url = url_for_op(op)
        for field in op["fields"]:
            for token in BODY_VALUES:
                body = {**base_body(client, op, counter), field: HOSTILE}
                raw = json.dumps(body).replace(json.dumps(HOSTILE), token)
                response = client.open(url, method=op["method"], data=raw,
                                       content_type="application/json")
                before = check(response, db, before, f"{op['method']} {url} {field}={token[:40]}")
                tested += 1
    assert tested > 100


def test_whole_body_attacks(seeded, db):
    client = seeded
    document = client.get("/openapi.json").json
    before = fingerprint(db)
    attacks = [
        ("application/json", b'{"title": "\xff\xfe", "body": "x"}', 400),
        ("application/json", b"\xc3\x28", 400),
        ("application/json", b"[" * 10_000 + b"]" * 10_000, 400),
        ("application/json", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, 400),
        ("application/json", b'{"title": "' + b"x" * (10 * 1024 * 1024) + b'"}', 413),
        ("application/json", b"", 422),  # POST: fields missing; PATCH: nothing to change
        ("application/json", b"not json", 400),
        ("application/json", b'{"title": "a", "title": "b"', 400),
        ("application/json", b"\x00\x00\x00", 400),
        ("text/plain", b'{"title": "x"}', 415),
        ("application/x-www-form-urlencoded", b"title=x&body=y", 415),
        ("multipart/form-data; boundary=x", b"--x\r\n\r\nx\r\n--x--", 415),
        ("application/xml", b"<a/>", 415),
    ]
    for op in operations(document):
        if op["method"] not in ("POST", "PATCH", "PUT"):
            continue
        url = url_for_op(op)
        for content_type, raw, expected in attacks:
            response = client.open(url, method=op["method"], data=raw,
                                   content_type=content_type)
            what = f"{op['method']} {url} {content_type} {raw[:30]!r}"
            assert response.status_code < 500, (what, response.status_code)
            if expected:
                assert response.status_code == expected, (what, response.json)
            before = check(response, db, before, what)


# A cursor whose keyset holds a lone surrogate escape ("\ud800"): valid base64 and JSON.
SURROGATE_CURSOR = "eyJzIjogIm5hbWUiLCAiayI6IFsiXHVkODAwIiwgIjEiXX0"


def test_inputs_that_once_answered_500_or_were_wrongly_accepted(seeded, db):
    """A forged cursor with a lone surrogate, a 5,000-digit integer in a body, non-ASCII
    digits as ids, and empty PATCH bodies: each a 4xx problem, nothing changed."""
    client = seeded
    document = client.get("/openapi.json").json
    before = fingerprint(db)
    for url in ("/v1/people", "/v1/articles", "/v1/quotes", "/v1/organizations"):
        response = client.get(f"{url}?cursor={SURROGATE_CURSOR}")
        assert response.status_code == 400 and "cursor" in response.json["errors"], url
    huge = client.post("/v1/articles", data='{"title": "T", "body": "B", "authors": [%s]}'
                       % ("9" * 5000), content_type="application/json")
    assert huge.status_code == 400 and "digits" in huge.json["detail"]
    for op in operations(document):
        if "{" not in op["path"]:
            continue
        for digit in ("\u0661", "\uff11", "\u0967"):
            url = url_for_op(op, {p["name"]: quote(digit) for p in op["params"]
                                  if p["in"] == "path"})
            response = client.open(url, method=op["method"], json={"title": "x"})
            assert response.status_code == 404, (op["method"], url, response.status_code)
        if op["method"] == "PATCH":
            for raw in (b"", b"{}", b" { } "):
                response = client.open(url_for_op(op), method="PATCH", data=raw,
                                       content_type="application/json")
                assert response.status_code == 422, (op["path"], raw)
                assert response.content_type == "application/problem+json"
    assert fingerprint(db) == before


NESTED_VALUES = ['"\' OR 1=1 --"', '"a\\u0000b"', '"\\ud800"', "1" + "0" * 400, "-1", "NaN",
                 "1e999", "null", "[]", "{}", '"' + "x" * 100_000 + '"', "true"]


def leaf_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Paths to every leaf (and every list) of a JSON document."""
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in leaf_paths(value, (*prefix, key))]
    if isinstance(node, list):
        return [prefix] + [p for i, value in enumerate(node)
                           for p in leaf_paths(value, (*prefix, i))]
    return [prefix]


def replaced(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = list(document) if isinstance(document, list) else dict(document)
    copy[path[0]] = replaced(document[path[0]], path[1:], value)
    return copy


def test_hostile_nested_metadata_fields(client, db):
    """Every field inside `metadata` of an article create (people, organizations, mentions,
    affiliations, quotes, figures) with hostile values."""
    base = {"url": "https://news.example.com/nested", "title": "Summit", "body": SEED_BODY,
            "metadata": seed_metadata()}
    before = fingerprint(db)
    paths = leaf_paths(base["metadata"], ("metadata",))
    assert len(paths) > 30
    for n, path in enumerate(paths):
        for token in NESTED_VALUES:
            body = replaced(base, path, HOSTILE)
            body["url"] = f"https://news.example.com/nested/{n}/{NESTED_VALUES.index(token)}"
            raw = json.dumps(body).replace(json.dumps(HOSTILE), token)
            response = client.post("/v1/articles", data=raw, content_type="application/json")
            what = f"POST /v1/articles {'.'.join(map(str, path))}={token[:40]}"
            before = check(response, db, before, what)
