"""/v1/keys: an admin key manages keys over HTTP; the secret is shown once; revoking works."""

from __future__ import annotations

import time

import requests

from api.data import api_keys
from api.data.api_keys import hash_key
from tests.conftest import row_counts

PROBLEM = "application/problem+json"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_admin_creates_lists_gets_and_revokes_a_key(anon_client, admin_key, db):
    created = anon_client.post("/v1/keys", json={"name": "newsroom frontend", "scope": "read"},
                               headers=bearer(admin_key))
    assert created.status_code == 201, created.json
    body = created.json
    assert created.headers["Location"] == f"/v1/keys/{body['id']}"
    assert created.headers["Cache-Control"] == "no-store"
    assert body["scope"] == "read" and body["name"] == "newsroom frontend"
    assert body["key"].startswith(body["prefix"] + "_") and body["revoked_at"] is None
    stored = db.execute("SELECT key_hash FROM api_keys WHERE id = %s", (body["id"],)).fetchone()
    assert stored["key_hash"] == hash_key(body["key"])  # only the hash is kept

    # the new key works, with its own scope
    assert anon_client.get("/v1/articles", headers=bearer(body["key"])).status_code == 200
    assert anon_client.post("/v1/articles", json={"title": "T", "body": "B"},
                            headers=bearer(body["key"])).status_code == 403

    # never shown again
    item = anon_client.get(f"/v1/keys/{body['id']}", headers=bearer(admin_key))
    assert item.status_code == 200 and "key" not in item.json
    assert item.json["prefix"] == body["prefix"]
    listed = anon_client.get("/v1/keys?limit=1", headers=bearer(admin_key))
    assert listed.status_code == 200 and listed.json["has_more"] is True
    second = anon_client.get(f"/v1/keys?limit=1&cursor={listed.json['next_cursor']}",
                             headers=bearer(admin_key))
    assert [k["id"] for k in listed.json["data"] + second.json["data"]] == [1, body["id"]]
    assert body["key"] not in listed.get_data(as_text=True) + second.get_data(as_text=True)

    revoked = anon_client.delete(f"/v1/keys/{body['id']}", headers=bearer(admin_key))
    assert revoked.status_code == 200 and revoked.json["revoked_at"] is not None
    # this process forgets the key at once (other processes within the cache window)
    refused = anon_client.get("/v1/articles", headers=bearer(body["key"]))
    assert refused.status_code == 401 and refused.content_type == PROBLEM
    again = anon_client.delete(f"/v1/keys/{body['id']}", headers=bearer(admin_key))
    assert again.status_code == 200 and again.json["revoked_at"] == revoked.json["revoked_at"]
    in_use = anon_client.get("/v1/keys?revoked=false", headers=bearer(admin_key)).json["data"]
    assert [k["id"] for k in in_use] == [1]


def test_write_and_read_keys_cannot_manage_keys(anon_client, make_key, db):
    for scope in ("read", "write"):
        key = make_key(scope)
        before = row_counts(db)
        for method, url, body in (("POST", "/v1/keys", {"name": "x", "scope": "admin"}),
                                  ("GET", "/v1/keys", None), ("GET", "/v1/keys/1", None),
                                  ("DELETE", "/v1/keys/1", None)):
            response = anon_client.open(url, method=method, json=body, headers=bearer(key))
            assert response.status_code == 403, (scope, method, url)
            assert 'scope="admin"' in response.headers["WWW-Authenticate"]
        assert row_counts(db) == before
    assert db.execute("SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL"
                      ).fetchone()["count"] == 0


def test_public_read_does_not_open_the_key_list(app, anon_client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_READ", True)
    assert anon_client.get("/v1/keys").status_code == 401


def test_bad_key_requests_are_422_and_change_nothing(client, db):
    before = row_counts(db)
    for body, field in (({"name": "x", "scope": "root"}, "scope"),
                        ({"name": "   ", "scope": "read"}, "name"),
                        ({"name": "x" * 201, "scope": "read"}, "name"),
                        ({"scope": "read"}, "name"),
                        ({"name": "x", "scope": "read", "key": "dsr_mine"}, "key"),
                        ({"name": "x", "scope": "read", "id": 9}, "id")):
        response = client.post("/v1/keys", json=body)
        assert response.status_code == 422, body
        assert field in response.json["errors"], (body, response.json)
    assert client.get("/v1/keys/999").status_code == 404
    assert client.delete("/v1/keys/999").status_code == 404
    assert row_counts(db) == before


def test_revoked_over_http_every_server_process_refuses_it_after_the_window(
        live_server, admin_key, make_key):
    """gunicorn with two workers: each remembers a key for CACHE_SECONDS at most."""
    key = make_key("read")
    url = f"{live_server.url}/v1/articles"
    for _ in range(8):  # likely reaches both workers, so both remember the key
        assert requests.get(url, headers=bearer(key), timeout=10).status_code == 200
    key_id = requests.get(f"{live_server.url}/v1/keys?limit=100", headers=bearer(admin_key),
                          timeout=10).json()["data"][-1]["id"]
    revoked = requests.delete(f"{live_server.url}/v1/keys/{key_id}", headers=bearer(admin_key),
                              timeout=10)
    assert revoked.status_code == 200
    time.sleep(api_keys.CACHE_SECONDS + 0.5)
    statuses = {requests.get(url, headers=bearer(key), timeout=10).status_code
                for _ in range(8)}
    assert statuses == {401}
