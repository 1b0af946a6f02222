"""Fuzz the API against its own OpenAPI document with schemathesis 4.

The document is the app's own (`api.spec.render_dict()`, exactly what `/openapi.json` serves),
so every operation that a resource module registers is covered as soon as it exists: nothing
here names an endpoint. Each operation is one pytest test; it starts from an empty database
(the `app` fixture truncates) seeded with two articles with metadata, and a hook points ids in
paths at those rows half of the time so that item operations reach real records. Requests run
in-process over WSGI (no network) with an admin key; the file takes 1-2 minutes on 2 cores.

Assertions, on positive and negative (schema-violating) requests alike: no 5xx; the status code
is one the operation documents (`default` not counted, see `documented_status_code`); content
type and body match the document; a request the document forbids is rejected; once operations
declare security, they enforce it. A stateful test chains calls along the links schemathesis
infers from path parameters and response schemas (flask-smorest emits no OpenAPI links; the
inferred ones cover `POST /v1/articles` -> `GET|PATCH|DELETE /v1/articles/{article_id}` and the
like), with use-after-free and resource-availability checks on top.

Generation is derandomized (same document and code, same requests) and writes no example
database. A failure prints a curl command that reproduces it; `SCHEMATHESIS_MAX_EXAMPLES`
(default 30 per operation) raises the budget for a longer local run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from flask import Flask
from hypothesis import strategies as st
from schemathesis.checks import CheckFunction
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.spec import render_dict

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30"))
SEED_ROWS = 2  # after `seeded_app`, ids 1..SEED_ROWS exist in every table

#: Statuses any operation may answer although it does not list them: auth (401/403), rate
#: limits (429), methods the path lacks (405), a query string past the server's limit (414), an
#: unknown id in the path (404), and for operations with a body, a body that is not JSON (400),
#: too large (413) or of another media type (415).
CROSS_CUTTING = frozenset({401, 403, 405, 414, 429})
PATH_ID_STATUSES = frozenset({404})
BODY_STATUSES = frozenset({400, 413, 415})


def documented_status_code(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """The status is listed in the operation's `responses`, or is a cross-cutting one.

    Every operation documents a catch-all `default` response (problem+json), which makes the
    built-in `status_code_conformance` accept any status at all; this check ignores `default`
    so that an operation answering a status it does not document (a 409 from a DELETE, a 400
    from a list) is caught. 5xx are left to `not_a_server_error`.
    """
    status = response.status_code
    if status >= 500 or status in CROSS_CUTTING:
        return None
    if case.method.upper() != case.operation.method.upper():
        return None  # a probe with a method the path lacks (OPTIONS answers 200, others 405)
    documented = {str(code).upper() for code in case.operation.responses.status_codes}
    if str(status) in documented or f"{status // 100}XX" in documented:
        return None
    raw = case.operation.definition.raw
    if status in PATH_ID_STATUSES and "{" in case.operation.path:
        return None
    if status in BODY_STATUSES and "requestBody" in raw:
        return None
    listed = ", ".join(sorted(documented - {"DEFAULT"}))
    raise AssertionError(
        f"{case.operation.label} answered {status}, which it does not document "
        f"(documented: {listed}; `default` not counted)"
    )


#: Checked on every response.
CHECKS: list[CheckFunction] = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    documented_status_code,
    content_type_conformance,
    response_schema_conformance,
    # A request the document forbids must be rejected: catches a document stricter than the code.
    schemathesis.checks.negative_data_rejection,
    # Once operations declare security: without a valid key they must not succeed.
    schemathesis.checks.ignored_auth,
]
#: Checked in stateful sequences, which know what was created and deleted before.
STATEFUL_CHECKS: list[CheckFunction] = [
    *CHECKS,
    schemathesis.checks.use_after_free,
    schemathesis.checks.ensure_resource_availability,
]

CONFIG = schemathesis.Config.from_dict({
    "generation": {
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "database": "none",
        # The tests send a valid admin key themselves; `ignored_auth` probes requests without
        # a key and with a wrong one. Generated Authorization values would only be overwritten.
        "with-security-parameters": False,
    },
    "checks": {
        # schemathesis' default list, plus the size limits: an over-long query string (414) or
        # body (413) is a legitimate way to reject a request the document forbids.
        "negative_data_rejection": {"expected-statuses": [
            400, 401, 403, 404, 405, 406, 409, 413, 414, 415, 422, 428, 429, "5XX",
        ]},
    },
})



class CurrentApp:
    """The WSGI application schemathesis talks to: the test's app, set by `seeded_app`.

    The schema is loaded at import time (pytest collects one test per operation from it), when
    the app and its database do not exist yet; checks that send extra requests (auth probes,
    stateful checks) go through `schema.app`, so it must be a WSGI app from the start.
    """

    def __init__(self) -> None:
        self.app: Flask | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        assert self.app is not None, "requests before the seeded_app fixture ran"
        return self.app(environ, start_response)


CURRENT_APP = CurrentApp()
schema = schemathesis.openapi.from_dict(render_dict(), config=CONFIG)
schema.app = CURRENT_APP


@schema.hook
def flatmap_path_parameters(
    context: schemathesis.HookContext, path_parameters: dict[str, Any] | None
) -> st.SearchStrategy:
    """Point integer ids in the path at seeded rows half of the time, so that item operations
    reach real records instead of only ever answering 404. Only ids that are already valid
    (integers >= 1) are replaced, so a deliberately invalid id in a negative case stays invalid."""
    if not path_parameters:
        return st.just(path_parameters)
    ids = [name for name, value in path_parameters.items()
           if name.endswith("id") and type(value) is int and value >= 1]
    if not ids:
        return st.just(path_parameters)
    return st.fixed_dictionaries({
        name: st.one_of(st.just(value), st.integers(1, SEED_ROWS)) if name in ids
        else st.just(value)
        for name, value in path_parameters.items()
    })


SEED_BODY = ("Vladimir Putin met Kim Jong Un in Moscow. “We agree,” said Putin. "
             "Trade rose 12% to $3 billion.")


def span(text: str) -> dict[str, int]:
    """`{start, end}` of the first occurrence of `text` in `SEED_BODY`."""
    start = SEED_BODY.index(text)
    return {"start": start, "end": start + len(text)}


def seed_metadata() -> dict[str, Any]:
    """Two people, two organizations and affiliations, two quotes, two linked figures."""
    return {
        "people": [
            {"name": "Vladimir Putin", "aliases": ["Putin"], "description": "Russian President",
             "mentions": [span("Vladimir Putin")]},
            {"name": "Kim Jong Un", "mentions": [span("Kim Jong Un")]},
        ],
        "organizations": [{"name": "Kremlin", "kind": "government"},
                          {"name": "Workers' Party of Korea", "kind": "other"}],
        "affiliations": [{"person": "Putin", "organization": "Kremlin", "role": "president"},
                         {"person": "Kim Jong Un", "organization": "Workers' Party of Korea"}],
        "quotes": [{"speaker": "Putin", "text": "We agree,", "verb": "said", **span("We agree,")},
                   {"speaker": "Kremlin", "text": "Trade rose", **span("Trade rose")}],
        "financial_figures": [
            {"kind": "percent", "value": "12", "text": "12%", "related_index": 1, **span("12%")},
            {"kind": "money", "value": "3000000000", "currency": "USD", "text": "$3 billion",
             "measures": "trade", **span("$3 billion")},
        ],
    }


def _make_admin_key(request: pytest.FixtureRequest) -> str | None:
    """An admin API key from conftest's `make_key(scope)`; None before the API had keys."""
    try:
        make_key: Callable[[str], str] = request.getfixturevalue("make_key")
    except pytest.FixtureLookupError:
        return None
    return make_key("admin")


@pytest.fixture
def auth_headers(app: Flask, request: pytest.FixtureRequest) -> dict[str, str]:
    """`Authorization: Bearer <admin key>` once the API has keys; no header before that."""
    key = _make_admin_key(request)
    return {"Authorization": f"Bearer {key}"} if key else {}


@pytest.fixture
def seeded_app(app: Flask, auth_headers: dict[str, str]) -> Iterator[Flask]:
    """The app on a fresh database holding `SEED_ROWS` articles with their metadata."""
    client = app.test_client()
    for number in range(1, SEED_ROWS + 1):
        response = client.post(
            "/v1/articles", headers=auth_headers,
            json={"url": f"https://news.example.com/seed/{number}", "title": f"Summit {number}",
                  "body": SEED_BODY, "source": "Example News", "authors": ["A. Writer"],
                  "published_at": f"2015-02-1{number}T09:30:00Z", "metadata": seed_metadata()},
        )
        assert response.status_code == 201, response.get_json()
    CURRENT_APP.app = app
    yield app
    CURRENT_APP.app = None


@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_operation_conforms_to_the_document(
    case: schemathesis.Case, seeded_app: Flask, auth_headers: dict[str, str]
) -> None:
    """Any request the document allows, and many it does not: never a 5xx, and the status
    code, content type and body are ones the document declares for the operation."""
    case.call_and_validate(headers=auth_headers, checks=CHECKS)


def test_stateful_sequences_conform_to_the_document(
    seeded_app: Flask, auth_headers: dict[str, str]
) -> None:
    """Chains of calls along inferred links (create -> read -> update -> delete)."""

    class Machine(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": auth_headers}

        def validate_response(self, response: Any, case: schemathesis.Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, checks=STATEFUL_CHECKS, headers=auth_headers,
                                   transport_kwargs=kwargs,
                                   recorder=getattr(self, "recorder", None))

    Machine.run(settings=hypothesis.settings(
        max_examples=max(10, MAX_EXAMPLES // 2), stateful_step_count=6, deadline=None,
        derandomize=True, database=None, suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.generate],
    ))
