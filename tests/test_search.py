"""/v1/search: typed results across articles, quotes, people and organizations."""

from __future__ import annotations

import pytest

from tests.test_quotes import walk

PROBLEM = "application/problem+json"
BODY = ("Russia agreed to write off 90% of North Korea's Soviet-era debt. Putin noted that "
        "\"relations <b>&</b> trade will grow\", the Kremlin said.")


def store_demo(client) -> dict:
    start = BODY.index("relations")
    response = client.post("/v1/articles", json={
        "title": "Russia forgives North Korean debt", "body": BODY, "metadata": {
            "people": [{"name": "Vladimir Putin", "aliases": ["Putin"]},
                       {"name": "Kim Jong Un"}],
            "organizations": [{"name": "Kremlin", "kind": "government"}],
            "quotes": [{"speaker": "Putin", "text": "relations <b>&</b> trade will grow",
                        "verb": "noted", "start": start, "end": start + 34}],
        }})
    assert response.status_code == 201, response.json
    return response.json


def search(client, query: str) -> list[dict]:
    response = client.get(f"/v1/search?{query}")
    assert response.status_code == 200, response.json
    return response.json["data"]


def test_typed_results_with_highlights(client):
    article = store_demo(client)
    results = search(client, "q=debt")
    assert [(r["type"], r["id"]) for r in results] == [("article", article["id"])]
    hit = results[0]
    assert hit["title_or_name"] == "Russia forgives North Korean debt"
    assert "<mark>debt</mark>" in hit["highlight"] and hit["rank"] > 0
    assert hit["article_id"] == article["id"]

    quote = search(client, "q=trade")
    assert sorted(r["type"] for r in quote) == ["article", "quote"]
    quote_hit = next(r for r in quote if r["type"] == "quote")
    assert "<mark>trade</mark>" in quote_hit["highlight"]
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in quote_hit["highlight"]  # escaped, not raw HTML
    assert "<b>" not in quote_hit["highlight"]
    assert quote_hit["article_id"] == article["id"]


def test_people_and_organizations_by_trigram_typo_tolerant(client):
    store_demo(client)
    people = search(client, "q=Kom%20Jong%20Un&types=person")
    assert [r["title_or_name"] for r in people] == ["Kim Jong Un"]
    assert people[0]["highlight"] == "<mark>Kim Jong Un</mark>" and 0 < people[0]["rank"] <= 1
    putin = search(client, "q=putin")
    assert putin[0]["type"] == "person" and putin[0]["title_or_name"] == "Vladimir Putin"
    assert {r["type"] for r in putin} == {"person", "article"}  # quotes match their text only
    orgs = search(client, "q=kremlin&types=organization")
    assert [(r["type"], r["title_or_name"]) for r in orgs] == [("organization", "Kremlin")]


def test_types_filter(client):
    store_demo(client)
    assert {r["type"] for r in search(client, "q=putin&types=article")} == {"article"}
    assert {r["type"] for r in search(client, "q=putin&types=article,person")} == {
        "article", "person"}
    assert search(client, "q=zebra") == []


def test_results_are_best_first_and_paginate_without_gaps(client):
    ids = set()
    for i in range(17):
        response = client.post("/v1/articles", json={
            "title": f"Report {i}", "body": "budget " * (i % 5 + 1) + "and other words " * i})
        ids.add(response.json["id"])
    rows, pages = walk(client, "/v1/search?q=budget", 5)
    assert pages == 4 and len(rows) == 17 and {r["id"] for r in rows} == ids
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks, reverse=True)


@pytest.mark.parametrize("query, field", [
    ("", "q"),
    ("q=", "q"),
    ("q=%20%20", "q"),
    ("q=a%00b", "q"),
    ("q=x&types=foo", "types.0"),
    ("q=x&types=article,bogus", "types.1"),
    ("q=x&limit=0", "limit"),
    ("q=x&cursor=nope", "cursor"),
    ("q=x&colour=red", "colour"),
])
def test_bad_parameters_name_the_parameter(client, query, field):
    response = client.get(f"/v1/search?{query}")
    assert 400 <= response.status_code < 500
    assert response.content_type == PROBLEM
    assert field in response.json["errors"]


def test_article_highlights_come_from_the_start_of_the_body(client):
    early = client.post("/v1/articles", json={"title": "Early", "body": "A zebra ran. " * 3})
    late = client.post("/v1/articles", json={"title": "Late",
                                             "body": "Nothing here. " * 300 + "A zebra ran."})
    assert early.status_code == late.status_code == 201
    results = {r["id"]: r for r in search(client, "q=zebra&types=article")}
    assert set(results) == {early.json["id"], late.json["id"]}
    assert "<mark>zebra</mark>" in results[early.json["id"]]["highlight"]
    # The match is past the excerpt: the highlight is the article's start, unmarked.
    assert "<mark>" not in results[late.json["id"]]["highlight"]
    assert results[late.json["id"]]["highlight"].startswith("Late")
