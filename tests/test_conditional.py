"""Conditional requests as RFC 9110 has them: an ETag covers the whole representation (the
include set and the versions of the embedded records), a 304 carries it, If-None-Match
compares weakly and If-Match strongly, both with lists of tags."""

from __future__ import annotations

import pytest

from tests.helpers import span, store

BODY = "Ann Lee said: “We owe $10 billion.” Ann Lee later said: “Debt is the question.”"


@pytest.fixture
def article(client) -> dict:
    return store(client, "Debt", BODY, {
        "people": [{"name": "Ann Lee", "mentions": [span(BODY, "Ann Lee")]}],
        "quotes": [{"speaker": "Ann Lee", "text": "We owe $10 billion."},
                   {"speaker": "Ann Lee", "text": "Debt is the question."}],
        "financial_figures": [{"kind": "money", "value": "10000000000", "currency": "USD",
                               "text": "$10 billion"}],
    })


def etag(response) -> str:
    assert response.status_code == 200, response.json
    tag = response.headers["ETag"]
    assert tag.startswith('"') and tag.endswith('"')
    return tag


def test_a_changed_embedded_quote_is_not_a_stale_304(client, article):
    url = f"/v1/articles/{article['id']}?include=quotes"
    old = etag(client.get(url))
    assert client.get(url, headers={"If-None-Match": old}).status_code == 304
    quote = client.get(url).json["quotes"][0]
    changed = client.patch(f"/v1/quotes/{quote['id']}", json={"verb": "stated"})
    assert changed.status_code == 200
    response = client.get(url, headers={"If-None-Match": old})
    assert response.status_code == 200
    assert etag(response) != old and response.json["quotes"][0]["verb"] == "stated"


@pytest.mark.parametrize("change", ["add_quote", "delete_quote", "patch_figure",
                                    "rename_person", "add_span", "delete_span"])
def test_every_embedded_change_changes_the_etag(client, article, change):
    article_id = article["id"]
    url = f"/v1/articles/{article_id}?include=people,quotes,financial_figures"
    old = etag(client.get(url))
    full = client.get(url).json
    person_id = full["people"][0]["person_id"]
    if change == "add_quote":
        client.post("/v1/quotes", json={"article_id": article_id, "text": "More."})
    elif change == "delete_quote":
        client.delete(f"/v1/quotes/{full['quotes'][1]['id']}")
    elif change == "patch_figure":
        client.patch(f"/v1/financial-figures/{full['financial_figures'][0]['id']}",
                     json={"measures": "debt"})
    elif change == "rename_person":
        client.patch(f"/v1/people/{person_id}", json={"description": "economist"})
    elif change == "add_span":
        start = BODY.rindex("Ann Lee")
        client.post(f"/v1/articles/{article_id}/mentions", json={
            "person_id": person_id, "spans": [{"start": start, "end": start + 7}]})
    else:
        start = BODY.rindex("Ann Lee")
        client.post(f"/v1/articles/{article_id}/mentions", json={
            "person_id": person_id, "spans": [{"start": start, "end": start + 7}]})
        old = etag(client.get(url))
        client.delete(f"/v1/articles/{article_id}/people/{person_id}")
    assert etag(client.get(url)) != old
    assert client.get(url, headers={"If-None-Match": old}).status_code == 200


def test_the_etag_differs_per_include_set_and_not_per_include_order(client, article):
    base = f"/v1/articles/{article['id']}"
    tags = {etag(client.get(f"{base}?include={inc}" if inc else base)) for inc in
            ("", "people", "quotes", "people,quotes", "financial_figures")}
    assert len(tags) == 5
    assert (etag(client.get(f"{base}?include=people,quotes"))
            == etag(client.get(f"{base}?include=quotes&include=people")))


def test_an_embedded_article_or_speaker_changes_a_quotes_etag(client, article):
    quote = client.get(f"/v1/articles/{article['id']}/quotes").json["data"][0]
    url = f"/v1/quotes/{quote['id']}?include=article,speaker"
    plain = etag(client.get(f"/v1/quotes/{quote['id']}"))
    first = etag(client.get(url))
    assert first != plain
    client.patch(f"/v1/articles/{article['id']}", json={"title": "Debt, again"})
    second = etag(client.get(url))
    assert second != first
    assert etag(client.get(f"/v1/quotes/{quote['id']}")) == plain  # the quote itself did not
    client.patch(f"/v1/people/{quote['speaker_person_id']}", json={"description": "x"})
    assert etag(client.get(url)) != second


def test_304_carries_the_etag_and_no_body(client, article):
    url = f"/v1/articles/{article['id']}"
    tag = etag(client.get(url))
    response = client.get(url, headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response.headers["ETag"] == tag
    assert response.data == b"" and "Content-Type" not in response.headers


@pytest.mark.parametrize("header", ['W/{tag}', '"other", {tag}', '"a", W/{tag}', "*"])
def test_if_none_match_compares_weakly_and_takes_lists(client, article, header):
    url = f"/v1/people/{client.get('/v1/people').json['data'][0]['id']}"
    tag = etag(client.get(url))
    response = client.get(url, headers={"If-None-Match": header.format(tag=tag)})
    assert response.status_code == 304 and response.headers["ETag"] == tag


def test_if_none_match_with_another_tag_is_200(client, article):
    url = f"/v1/articles/{article['id']}"
    assert client.get(url, headers={"If-None-Match": '"nope", W/"nope"'}).status_code == 200


def test_if_match_compares_strongly_and_takes_lists(client, article):
    quote = client.get(f"/v1/articles/{article['id']}/quotes").json["data"][0]
    url = f"/v1/quotes/{quote['id']}"
    tag = etag(client.get(url))
    weak = client.patch(url, json={"verb": "a"}, headers={"If-Match": f"W/{tag}"})
    assert weak.status_code == 412
    listed = client.patch(url, json={"verb": "b"}, headers={"If-Match": f'"other", {tag}'})
    assert listed.status_code == 200
    # the PATCH answer's ETag is the one to send next
    assert listed.headers["ETag"] == etag(client.get(url)) != tag
    again = client.patch(url, json={"verb": "c"}, headers={"If-Match": listed.headers["ETag"]})
    assert again.status_code == 200
    stale = client.delete(url, headers={"If-Match": tag})
    assert stale.status_code == 412
    assert client.delete(url, headers={"If-Match": "*"}).status_code == 204


@pytest.mark.parametrize("path", ["/v1/people/1", "/v1/organizations/1",
                                  "/v1/financial-figures/1", "/v1/articles/1"])
def test_patch_answers_with_the_etag_a_get_gives(client, article, path):
    if path.startswith("/v1/organizations"):
        client.post("/v1/organizations", json={"name": "Acme"})
    changes = {"/v1/people/1": {"description": "d"}, "/v1/organizations/1": {"kind": "media"},
               "/v1/financial-figures/1": {"measures": "m"}, "/v1/articles/1": {"source": "s"}}
    tag = etag(client.get(path))
    patched = client.patch(path, json=changes[path], headers={"If-Match": tag})
    assert patched.status_code == 200, patched.json
    assert patched.headers["ETag"] == etag(client.get(path)) != tag
