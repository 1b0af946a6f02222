"""Health, readiness, docs, errors for unknown routes, the OpenAPI document, compose file."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml
from openapi_spec_validator import validate

from tests.conftest import ROOT


def test_health_and_ready(client):
    assert client.get("/health").json == {"status": "ok"}
    assert client.get("/ready").json["status"] == "ready"


def test_docs_page_and_assets_are_served_locally(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page
    assert "//cdn" not in page and "unpkg" not in page
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        assert client.get(f"/docs/assets/{asset}").status_code == 200


@pytest.mark.parametrize("method, url, status", [
    ("get", "/nowhere", 404),
    ("get", "/v1/articles/999999", 404),
    ("get", "/v1/articles/abc", 404),
    ("put", "/v1/articles", 405),
    ("delete", "/v1/articles", 405),
])
def test_routing_errors_are_problems(client, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == status


def test_openapi_json_is_valid_openapi_3(client):
    document = client.get("/openapi.json").json
    validate(document)
    assert document["paths"]["/v1/articles"]["get"]["parameters"]


def test_committed_openapi_yaml_is_current():
    from api.spec import render_dict

    committed = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert committed == render_dict(), "openapi.yaml is stale: run `make spec` and commit it"
    validate(committed)


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose not installed")
def test_docker_compose_file_is_valid():
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert {"db", "api"} <= set(config["services"])


def test_ready_waits_for_the_language_model(client, monkeypatch):
    assert client.get("/ready").status_code == 200
    monkeypatch.setenv("DOSSIER_SPACY_MODEL", "no_such_pipeline")  # configured, never loaded
    response = client.get("/ready")
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"
    assert response.json["type"].endswith("/problems/model-loading")
