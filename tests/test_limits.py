"""Limits: query-string length, body size, JSON nesting, page size, and the per-key rate limit
(on separate app instances with a small limit; in memory, and shared through Redis)."""

from __future__ import annotations

import socket
import uuid

import pytest

from api import create_app, limits
from tests.conftest import row_counts

PROBLEM = "application/problem+json"


def article(n: int = 1) -> dict:
    return {"url": f"https://example.com/limits/{n}", "title": "T", "body": "Body text."}


def test_constants():
    assert limits.MAX_INCLUDES == 4
    assert limits.MAX_PAGE_SIZE == 100


def test_long_query_string_is_414(client):
    response = client.get("/v1/articles?q=" + "a" * (limits.MAX_QUERY_STRING_BYTES + 1))
    assert response.status_code == 414 and response.content_type == PROBLEM
    # 500 emoji are within q's maxLength: their 6,000 bytes of URL escapes must pass.
    assert client.get("/v1/articles?q=" + "%F0%9F%98%80" * 500).status_code != 414


def test_page_size_is_limited(client):
    response = client.get("/v1/articles?limit=101")
    assert response.status_code == 422 and "limit" in response.json["errors"]
    assert client.get("/v1/articles?limit=100").status_code == 200


def test_large_body_is_413(client, db):
    before = row_counts(db)
    body = {**article(), "body": "x" * (client.application.config["MAX_CONTENT_LENGTH"] + 1)}
    response = client.post("/v1/articles", json=body)
    assert response.status_code == 413 and response.content_type == PROBLEM
    assert row_counts(db) == before


@pytest.mark.parametrize("depth", [65, 10_000, 500_000])
def test_deeply_nested_json_is_400(client, db, depth):
    before = row_counts(db)
    for raw in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth,
                '{"title": ' + "[" * depth):
        response = client.post("/v1/articles", data=raw, content_type="application/json")
        assert response.status_code in (400, 413), response.json  # 413 past the body limit
        assert response.content_type == PROBLEM
    assert row_counts(db) == before


def test_json_depth_counts_brackets_outside_strings_only():
    assert limits.json_depth(b'{"a": "[[[[[[[[[[[[[[[", "b": [[1]]}') == 3
    assert limits.json_depth(b'["\\"[[[[", {"x": "\\\\"}]') == 2
    assert limits.json_depth(b"[" * 1000, limit=64) == 65


def test_normal_nesting_is_accepted(client):
    assert client.post("/v1/articles", json=article()).status_code == 201


@pytest.fixture
def limited_app(database_url):
    """An app of its own with a rate limit of 3 requests per minute, in memory."""
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
                      "RATE_LIMIT": "3 per minute", "RATE_LIMIT_ENABLED": True,
                      "DB_POOL_MIN": 0, "DB_POOL_MAX": 2})
    yield app
    app.extensions["dossier.db"].close()


def get(client, key: str | None, url: str = "/v1/articles"):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(url, headers=headers)


def test_rate_limit_per_key(app, limited_app, make_key):
    first, second = make_key("read"), make_key("read")
    client = limited_app.test_client()
    responses = [get(client, first) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r.headers["RateLimit-Remaining"] for r in responses[:3]] == ["2", "1", "0"]
    assert all(r.headers["RateLimit-Limit"] == "3" for r in responses)
    # RateLimit-Reset is seconds until the window ends (not an epoch time)
    assert all(0 < int(r.headers["RateLimit-Reset"]) <= 60 for r in responses)
    assert all(r.headers["RateLimit-Policy"] == "3;w=60" for r in responses)
    assert all("Retry-After" not in r.headers for r in responses[:3])
    limited = responses[3]
    assert limited.content_type == PROBLEM and limited.json["status"] == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    # another key has its own budget; health checks are never limited
    assert get(client, second).status_code == 200
    assert all(client.get("/health").status_code == 200 for _ in range(5))


def test_rate_limit_without_key_is_per_address(app, limited_app, monkeypatch):
    monkeypatch.setitem(limited_app.config, "PUBLIC_READ", True)
    client = limited_app.test_client()
    statuses = [get(client, None).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/v1/articles", environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200


def test_503_keeps_its_own_retry_after(app, limited_app, make_key, monkeypatch):
    from psycopg_pool import PoolTimeout

    from api import db as api_db

    key = make_key("read")

    def unavailable(*_args, **_kwargs):
        raise PoolTimeout("pool exhausted")

    monkeypatch.setattr(api_db, "connection", unavailable)
    response = get(limited_app.test_client(), key)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
def test_rate_limit_is_shared_through_redis(app, database_url, make_key):
    """Two app instances (as two processes would) share one budget when REDIS_URL is set."""
    config = {"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
              "RATE_LIMIT": "3 per minute", "RATE_LIMIT_ENABLED": True, "DB_POOL_MIN": 0,
              "REDIS_URL": "redis://127.0.0.1:6379/0",
              "RATE_LIMIT_KEY_PREFIX": f"dossier-test-{uuid.uuid4().hex}"}
    apps = [create_app(dict(config)), create_app(dict(config))]
    try:
        key = make_key("read")
        clients = [a.test_client() for a in apps]
        statuses = [get(clients[i % 2], key).status_code for i in range(4)]
        assert statuses == [200, 200, 200, 429]
    finally:
        for a in apps:
            a.extensions["dossier.db"].close()


def bad_key(n: int) -> str:
    """A key of the right shape that was never issued (its check needs a lookup)."""
    return f"dsr_{n:08d}_{'x' * 43}"


def test_bad_keys_and_403s_count_against_the_address(app, limited_app, make_key):
    """401s and 403s are rate-limited by address: a burst of bad keys reaches 429."""
    client = limited_app.test_client()
    read_key = make_key("read")
    first = [get(client, bad_key(n)) for n in range(2)]
    forbidden = client.post("/v1/articles", json=article(),
                            headers={"Authorization": f"Bearer {read_key}"})
    limited = get(client, bad_key(3))
    assert [r.status_code for r in first] + [forbidden.status_code] == [401, 401, 403]
    assert [r.headers["RateLimit-Remaining"] for r in [*first, forbidden]] == ["2", "1", "0"]
    assert limited.status_code == 429 and limited.content_type == PROBLEM
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    # the address is refused before authentication, whatever key it sends
    assert get(client, read_key).status_code == 429
    other = client.get("/v1/articles", headers={"Authorization": f"Bearer {read_key}"},
                       environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200


@pytest.fixture
def unreachable_app():
    """An app whose database never answers (nothing listens on port 1)."""
    app = create_app({"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none", "TESTING": True,
                      "ACCESS_LOG": False, "RATE_LIMIT": "3 per minute",
                      "RATE_LIMIT_ENABLED": True, "DB_POOL_MIN": 0, "DB_POOL_TIMEOUT": 1})
    yield app
    app.extensions["dossier.db"].close()


def test_malformed_keys_and_the_address_gate_need_no_database(unreachable_app):
    """Malformed keys are refused without a lookup, and an address past its budget gets 429
    before its key is looked up: with the database unreachable neither is a 503."""
    client = unreachable_app.test_client()
    malformed = ["nope", "dsr_short_x", "dsr_UPPERCAS_" + "x" * 43, "x" * 5000]
    statuses = [get(client, key).status_code for key in malformed[:3]]
    assert statuses == [401, 401, 401]
    assert get(client, bad_key(1)).status_code == 429  # no lookup: it would be a 503
    other = unreachable_app.test_client()
    response = other.get("/v1/articles", headers={"Authorization": f"Bearer {malformed[3]}"},
                         environ_base={"REMOTE_ADDR": "127.0.0.3"})
    assert response.status_code == 401


def test_burst_of_bad_keys_on_a_live_server_reaches_429(database_url, app):
    """On gunicorn, 30 unknown keys from one address in a row: 20 are answered 401 (each
    one key lookup), the rest 429 without a lookup."""
    import requests

    from tests.conftest import LiveServer

    server = LiveServer(database_url, env={"DOSSIER_RATE_LIMIT_ENABLED": "true",
                                           "DOSSIER_RATE_LIMIT": "20 per minute"},
                        workers=1).start()
    try:
        with requests.Session() as session:
            statuses = [session.get(f"{server.url}/v1/articles", timeout=30, headers={
                "Authorization": f"Bearer {bad_key(n)}"}).status_code for n in range(30)]
    finally:
        server.stop()
    assert statuses == [401] * 20 + [429] * 10, statuses
