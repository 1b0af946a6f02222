"""The Host header is never reflected: links are relative or on DOSSIER_PUBLIC_URL, trusted
hosts are enforced when configured, and forwarded addresses count only behind trusted
proxies."""

from __future__ import annotations

import pytest

from api import create_app
from api.config import parse_public_url


def make_app(database_url: str, **config):
    return create_app({"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
                       "RATE_LIMIT_ENABLED": False, "DB_POOL_MIN": 0, "PUBLIC_READ": True,
                       **config})


@pytest.fixture
def two_articles(client):
    for n in range(2):
        assert client.post("/v1/articles", json={"title": f"T{n}", "body": f"B{n}"}
                           ).status_code == 201


def test_a_forged_host_is_not_reflected_in_links_or_redirects(client, two_articles):
    page = client.get("/v1/articles?limit=1", headers={"Host": "evil.example"})
    link = page.headers["Link"]
    assert "evil.example" not in link
    assert link.startswith("</v1/articles?limit=1&cursor=") and link.endswith('>; rel="next"')
    redirect = client.get("/v1//articles", headers={"Host": "evil.example"})
    assert redirect.status_code == 308
    assert redirect.headers["Location"] == "/v1/articles"
    # the relative link, followed, is the next page
    follow = client.get(link[1:link.index(">")])
    assert follow.status_code == 200 and follow.json["data"][0]["title"] == "T0"


def test_links_are_built_on_the_public_url(database_url, two_articles):
    app = make_app(database_url, PUBLIC_URL="https://api.example.org/dossier")
    try:
        client = app.test_client()
        link = client.get("/v1/articles?limit=1", headers={"Host": "evil.example"}
                          ).headers["Link"]
        assert link.startswith("<https://api.example.org/dossier/v1/articles?limit=1&cursor=")
        redirect = client.get("/v1//articles?limit=1", headers={"Host": "evil.example"})
        assert redirect.headers["Location"] == "https://api.example.org/dossier/v1/articles?limit=1"
    finally:
        app.extensions["dossier.db"].close()


def test_untrusted_hosts_are_refused_when_trusted_hosts_are_set(database_url):
    app = make_app(database_url, TRUSTED_HOSTS=["api.example.org", "127.0.0.1"])
    try:
        client = app.test_client()
        for path in ("/v1/articles", "/health"):
            refused = client.get(path, headers={"Host": "evil.example"})
            assert refused.status_code == 400, path
            assert refused.content_type == "application/problem+json"
        assert client.get("/v1/articles", headers={"Host": "api.example.org"}).status_code == 200
        assert client.get("/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    finally:
        app.extensions["dossier.db"].close()


def statuses(app, forwarded_for: list[str]) -> list[int]:
    """Anonymous requests from one peer (10.9.8.7) claiming these forwarded addresses."""
    client = app.test_client()
    return [client.get("/v1/articles", headers={"X-Forwarded-For": address},
                       environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code
            for address in forwarded_for]


def test_forwarded_for_counts_only_behind_a_trusted_proxy(database_url):
    """The per-address rate limit (2 a minute here) is keyed on X-Forwarded-For only when
    DOSSIER_TRUSTED_PROXIES says a proxy sets it; otherwise a client could claim a fresh
    address with every request and never be limited."""
    varying = ["203.0.113.1", "203.0.113.2", "203.0.113.3"]
    limited = {"RATE_LIMIT_ENABLED": True, "RATE_LIMIT": "2 per minute", "PUBLIC_READ": False}
    direct = make_app(database_url, **limited)
    proxied = make_app(database_url, TRUSTED_PROXIES=1, **limited)
    try:
        assert statuses(direct, varying) == [401, 401, 429]  # all one peer: limited
        assert statuses(proxied, varying) == [401, 401, 401]  # three clients behind the proxy
        assert statuses(proxied, ["198.51.100.7"] * 3) == [401, 401, 429]
    finally:
        direct.extensions["dossier.db"].close()
        proxied.extensions["dossier.db"].close()


@pytest.mark.parametrize("value", ["api.example.org", "ftp://x.example", "https://",
                                   "https://a.example/?q=1"])
def test_public_url_must_be_an_http_url(value):
    with pytest.raises(ValueError):
        parse_public_url(value)
    assert parse_public_url("https://api.example.org/") == "https://api.example.org"
