"""Security headers, CSP (also on the docs page, which must still render), CORS, request ids
and the structured access log."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import shutil
import subprocess
import time

import pytest
import requests

from api.logs import JsonFormatter, access_log
from tests.conftest import LiveServer

HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "no-referrer"}
API_CSP = "default-src 'none'; frame-ancestors 'none'"


@pytest.mark.parametrize("method, url", [
    ("get", "/v1/articles"), ("get", "/v1/articles/999"), ("get", "/nowhere"),
    ("post", "/v1/articles"), ("get", "/health"), ("get", "/openapi.json"),
])
def test_security_headers_on_every_response(client, anon_client, method, url):
    for c in (client, anon_client):
        response = getattr(c, method)(url)
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (url, name)
        assert response.headers["Content-Security-Policy"].startswith(API_CSP)


def test_docs_csp_allows_exactly_its_inline_script(anon_client):
    response = anon_client.get("/docs")
    html = response.get_data(as_text=True)
    csp = response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_cors_off_by_default(client):
    response = client.get("/v1/articles", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_for_configured_origins(database_url, make_key):
    from api import create_app

    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
                      "RATE_LIMIT_ENABLED": False, "DB_POOL_MIN": 0,
                      "CORS_ORIGINS": "https://app.example, https://admin.example"})
    try:
        client = app.test_client()
        key = make_key("read")
        response = client.get("/v1/articles", headers={
            "Origin": "https://app.example", "Authorization": f"Bearer {key}"})
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == "https://app.example"
        exposed = response.headers["Access-Control-Expose-Headers"].lower()
        for name in ("etag", "link", "location", "ratelimit-remaining", "x-request-id"):
            assert name in exposed
        preflight = client.options("/v1/articles/1", headers={
            "Origin": "https://admin.example", "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "Authorization, If-Match, Content-Type"})
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://admin.example"
        allowed = preflight.headers["Access-Control-Allow-Headers"].lower()
        assert {"authorization", "if-match", "content-type"} <= {
            h.strip() for h in allowed.split(",")}
        assert "PATCH" in preflight.headers["Access-Control-Allow-Methods"]
        other = client.get("/v1/articles", headers={
            "Origin": "https://evil.example", "Authorization": f"Bearer {key}"})
        assert "Access-Control-Allow-Origin" not in other.headers
        # the answer depends on Origin: a shared cache must key on it
        no_origin = client.get("/v1/articles", headers={"Authorization": f"Bearer {key}"})
        assert "Access-Control-Allow-Origin" not in no_origin.headers
        for answer in (response, other, no_origin, preflight):
            assert "origin" in answer.headers.get("Vary", "").lower()
    finally:
        app.extensions["dossier.db"].close()


@pytest.mark.parametrize("sent, kept", [
    ("abc-123_X.y", True), ("a" * 128, True), ("a" * 129, False), ("has space", False),
    ("semi;colon", False), ("", False), ("ünï", False),
])
def test_request_id(client, sent, kept):
    response = client.get("/v1/articles/999", headers={"X-Request-ID": sent})
    returned = response.headers["X-Request-ID"]
    assert response.json["request_id"] == returned
    assert (returned == sent) is kept
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,128}", returned)


@pytest.fixture
def access_lines(app, monkeypatch):
    """The access-log lines (parsed) written while the test runs."""
    monkeypatch.setitem(app.config, "ACCESS_LOG", True)
    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(JsonFormatter().format(record)))

    handler = Collect()
    access_log.addHandler(handler)
    monkeypatch.setattr(access_log, "level", logging.INFO)
    yield lines
    access_log.removeHandler(handler)


def test_access_log_is_one_json_line_without_secrets(client, admin_key, access_lines):
    secret_body = {"url": "https://example.com/private", "title": "Secret title",
                   "body": "Jane Citizen's private text."}
    client.post("/v1/articles?source=PrivateSource", json=secret_body,
                headers={"X-Request-ID": "req-1"})
    client.get("/v1/articles/999")
    assert len(access_lines) == 2
    first = access_lines[0]
    assert first["method"] == "POST" and first["path"] == "/v1/articles"
    assert first["status"] in (201, 422) and first["request_id"] == "req-1"
    assert isinstance(first["duration_ms"], float)
    assert first["key_prefix"] == admin_key[:12]
    text = json.dumps(access_lines)
    for secret in (admin_key, admin_key[13:], "Secret title", "Jane", "PrivateSource"):
        assert secret not in text
    assert access_lines[1]["status"] == 404


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not installed")
def test_docs_page_renders_under_its_csp(live_server, tmp_path):
    """Headless chromium loads /docs with the CSP in force: Swagger UI renders the operations
    and no CSP violation is reported."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
         "--enable-logging=stderr", "--v=0", "--dump-dom", f"{live_server.url}/docs"],
        capture_output=True, text=True, timeout=90,
    )
    dom = result.stdout
    assert "swagger-ui" in dom and "/v1/articles" in dom, result.stderr[-2000:]
    assert "Content Security Policy" not in result.stderr, result.stderr[-2000:]


def test_served_logs_hold_no_search_terms_bodies_or_keys(database_url, admin_key):
    """gunicorn as configured (gunicorn.conf.py) with the access log on: what it and the app
    write to stderr has a line per request, but no query string, body or key."""
    server = LiveServer(database_url, env={"DOSSIER_ACCESS_LOG": "true"}, workers=1).start()
    try:
        auth = {"Authorization": f"Bearer {admin_key}"}
        secrets_sent = ["Whistleblowerterm", "Confidentialsource", "Privatebodytext", admin_key,
                        admin_key.split("_", 2)[2]]
        requests.get(f"{server.url}/v1/articles?q=Whistleblowerterm", headers=auth, timeout=10)
        requests.get(f"{server.url}/v1/search?q=Whistleblowerterm", headers=auth, timeout=10)
        requests.post(f"{server.url}/v1/articles?source=Confidentialsource", headers=auth,
                      json={"title": "T", "body": "Privatebodytext", "extract": "bad"},
                      timeout=10)
        requests.post(f"{server.url}/v1/articles", headers=auth, timeout=10,
                      json={"title": "Privatebodytext", "body": "Privatebodytext"})
        requests.get(f"{server.url}/v1/articles/999?Confidentialsource=1", timeout=10,
                     headers={"Authorization": f"Bearer {admin_key[:-1]}x"})
        time.sleep(0.5)
        log = server.log()
    finally:
        server.stop()
    lines = [json.loads(line) for line in log.splitlines()
             if line.startswith("{") and '"path"' in line]
    assert len(lines) >= 5, log[-2000:]
    for secret in secrets_sent:
        assert secret not in log, secret
