"""API keys: the auth matrix over every operation in the OpenAPI document, public pages,
PUBLIC_READ, the key format and storage, and `dossier keys`."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from api.auth import is_admin_path
from api.cli import main as cli
from api.data import api_keys
from api.data.api_keys import hash_key, prefix_of
from tests.conftest import row_counts

PROBLEM = "application/problem+json"
WRITE_METHODS = {"post", "put", "patch", "delete"}
READ_METHODS = {"get"}


def operations(app, methods: set[str]) -> list[tuple[str, str]]:
    """(method, url) of every documented operation with `methods`, path ids set to 1."""
    with app.app_context():
        document = app.extensions["dossier.api"].spec.to_dict()
    found = []
    for path, item in document["paths"].items():
        for method in item:
            if method in methods:
                found.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    assert found, "no operations found in the OpenAPI document"
    return sorted(found)


def call(client, method: str, url: str, key: str | None):
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    if method in WRITE_METHODS - {"delete"}:
        return client.open(url, method=method.upper(), json={}, headers=headers)
    return client.open(url, method=method.upper(), headers=headers)


def assert_challenge(response, status: int, error: str | None) -> None:
    assert response.status_code == status, (response.status_code, response.get_json())
    assert response.content_type == PROBLEM
    assert response.json["status"] == status
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="dossier"')
    if error:
        assert f'error="{error}"' in challenge


@pytest.fixture
def keys(make_key, db):
    revoked = make_key("write", "revoked")
    db.execute("UPDATE api_keys SET revoked_at = now() WHERE prefix = %s", (prefix_of(revoked),))
    return {"read": make_key("read"), "write": make_key("write"), "admin": make_key("admin"),
            "revoked": revoked, "bad": "dsr_abcdefgh_" + "x" * 43}


def test_every_write_operation_needs_a_write_key(app, anon_client, keys, db):
    for method, url in operations(app, WRITE_METHODS):
        before = row_counts(db)
        assert_challenge(call(anon_client, method, url, None), 401, None)
        assert_challenge(call(anon_client, method, url, keys["bad"]), 401, "invalid_token")
        assert_challenge(call(anon_client, method, url, "garbage"), 401, "invalid_token")
        assert_challenge(call(anon_client, method, url, keys["revoked"]), 401, "invalid_token")
        assert_challenge(call(anon_client, method, url, keys["read"]), 403, "insufficient_scope")
        if is_admin_path(url):
            assert_challenge(call(anon_client, method, url, keys["write"]), 403,
                             "insufficient_scope")
        assert row_counts(db) == before, (method, url)
        for scope in ("admin",) if is_admin_path(url) else ("write", "admin"):
            response = call(anon_client, method, url, keys[scope])
            assert response.status_code not in (401, 403), (method, url, scope, response.json)


def test_reads_need_a_read_key_unless_public_read(app, anon_client, keys, monkeypatch):
    reads = operations(app, READ_METHODS)
    for method, url in reads:
        assert_challenge(call(anon_client, method, url, None), 401, None)
        assert_challenge(call(anon_client, method, url, keys["revoked"]), 401, "invalid_token")
        for scope in ("read", "write", "admin"):
            status = call(anon_client, method, url, keys[scope]).status_code
            if is_admin_path(url) and scope != "admin":
                assert status == 403, (url, scope)
            else:
                assert status not in (401, 403), (url, scope)
    monkeypatch.setitem(app.config, "PUBLIC_READ", True)
    for method, url in reads:
        anonymous = call(anon_client, method, url, None).status_code
        assert anonymous == 401 if is_admin_path(url) else anonymous not in (401, 403), url
        # a key that is sent is still checked
        assert_challenge(call(anon_client, method, url, keys["bad"]), 401, "invalid_token")
    method, url = operations(app, WRITE_METHODS)[0]
    assert_challenge(call(anon_client, method, url, None), 401, None)


@pytest.mark.parametrize("url", ["/health", "/ready", "/openapi.json", "/docs",
                                 "/docs/assets/swagger-ui.css"])
def test_public_pages_need_no_key(anon_client, url):
    assert anon_client.get(url).status_code == 200
    assert anon_client.get(url, headers={"Authorization": "Bearer nonsense"}).status_code == 200


def test_unknown_v1_paths_need_a_key_too(anon_client):
    assert_challenge(anon_client.get("/v1/nowhere"), 401, None)


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token abc",
                                    "Bearer " + "A" * 10_000])
def test_malformed_authorization_headers_are_401(anon_client, header):
    response = anon_client.get("/v1/articles", headers={"Authorization": header})
    assert_challenge(response, 401, None)


def test_scheme_is_case_insensitive_and_client_header_overrides_default(client, admin_key):
    assert client.get("/v1/articles").status_code == 200
    assert client.get("/v1/articles",
                      headers={"Authorization": f"bearer {admin_key}"}).status_code == 200
    assert client.get("/v1/articles",
                      headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_key_format_and_storage(make_key, db):
    key = make_key("read", "frontend")
    prefix = prefix_of(key)
    assert prefix and re.fullmatch(r"dsr_[a-z0-9]{8}", prefix)
    assert len(key) >= len(prefix) + 1 + 43  # token_urlsafe(32): 256 random bits
    row = db.execute("SELECT * FROM api_keys WHERE prefix = %s", (prefix,)).fetchone()
    assert row["key_hash"] == hash_key(key) and row["scope"] == "read"
    assert key not in " ".join(str(value) for value in row.values())
    assert row["last_used_at"] is None


def test_last_used_is_recorded(anon_client, make_key, db):
    key = make_key("read")
    assert anon_client.get("/v1/articles",
                           headers={"Authorization": f"Bearer {key}"}).status_code == 200
    row = db.execute("SELECT last_used_at FROM api_keys WHERE prefix = %s",
                     (prefix_of(key),)).fetchone()
    assert row["last_used_at"] is not None


def test_problem_carries_request_id(anon_client):
    response = anon_client.get("/v1/articles", headers={"X-Request-ID": "abc-123"})
    assert response.json["request_id"] == "abc-123" == response.headers["X-Request-ID"]


def test_openapi_document_declares_bearer_auth(anon_client):
    document = anon_client.get("/openapi.json").json
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}
    assert document["security"] == [{"bearerAuth": []}]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in WRITE_METHODS | READ_METHODS:
                assert "401" in operation["responses"], (method, path)
                assert "429" in operation["responses"], (method, path)
            if method in WRITE_METHODS:
                assert "403" in operation["responses"], (method, path)
    for name in ("UNAUTHORIZED", "FORBIDDEN", "TOO_MANY_REQUESTS"):
        assert name in document["components"]["responses"]


def test_cli_create_list_revoke(app, anon_client, database_url, db):
    runner = CliRunner()
    env = {"DATABASE_URL": database_url}
    created = runner.invoke(cli, ["keys", "create", "--name", "ci bot", "--scope", "write"],
                            env=env)
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[-1]
    prefix = prefix_of(key)
    assert prefix
    auth = {"Authorization": f"Bearer {key}"}
    assert anon_client.post("/v1/articles", json={}, headers=auth).status_code == 422

    listed = runner.invoke(cli, ["keys", "list"], env=env)
    assert listed.exit_code == 0 and prefix in listed.stdout and "ci bot" in listed.stdout
    assert key not in listed.stdout

    key_id = db.execute("SELECT id FROM api_keys WHERE prefix = %s", (prefix,)).fetchone()["id"]
    revoked = runner.invoke(cli, ["keys", "revoke", str(key_id)], env=env)
    assert revoked.exit_code == 0, revoked.output
    # The revoking process forgets the key at once (others within their cache window).
    assert_challenge(anon_client.post("/v1/articles", json={}, headers=auth), 401,
                     "invalid_token")
    assert runner.invoke(cli, ["keys", "revoke", "999999"], env=env).exit_code == 1
    bad_scope = runner.invoke(cli, ["keys", "create", "--name", "x", "--scope", "root"], env=env)
    assert bad_scope.exit_code != 0


def test_public_read_never_opens_writes(app, anon_client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_READ", True)
    assert anon_client.get("/v1/articles").status_code == 200
    assert anon_client.post("/v1/articles", json={"title": "T", "body": "B"}).status_code == 401


def test_key_cache_expires_and_is_bounded():
    info = api_keys.KeyInfo(id=1, prefix="dsr_abcdefgh", scope="read")
    remembered = api_keys.KeyCache(seconds=60, size=2)
    remembered.put("key-one", info)
    assert remembered.get("key-one") == info
    assert remembered.get("key-two") is None
    remembered.put("key-two", info)
    remembered.put("key-three", info)  # full: cleared, then stored
    assert remembered.get("key-one") is None and remembered.get("key-three") == info
    expired = api_keys.KeyCache(seconds=-1)
    expired.put("key-one", info)
    assert expired.get("key-one") is None
