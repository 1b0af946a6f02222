"""`include=article,speaker` on quotes and `include=article` on figures (lists, exports and
items, one query per kind per page), and the `speaker_affiliation_id` filter, on the demo
data set."""

from __future__ import annotations

import json

import pytest

from api.demo import load_demo

TITLE = "Russia forgives 90% of North Korea's Soviet-era debt"


@pytest.fixture
def demo(client, db) -> dict:
    with db.transaction():
        article_id = load_demo(db)
    article = client.get(f"/v1/articles/{article_id}").json
    orgs = {o["name"]: o["id"] for o in client.get("/v1/organizations?limit=100").json["data"]}
    people = {p["name"]: p["id"] for p in client.get("/v1/people?limit=100").json["data"]}
    return {"article": article, "orgs": orgs, "people": people}


def test_hudson_institute_quotes_in_one_request(client, demo):
    hudson = demo["orgs"]["Hudson Institute"]
    response = client.get(f"/v1/quotes?speaker_affiliation_id={hudson}&include=speaker,article")
    assert response.status_code == 200, response.json
    quotes = response.json["data"]
    assert len(quotes) == 2
    weitz = demo["people"]["Richard Weitz"]
    for quote in quotes:
        assert quote["speaker_person_id"] == weitz
        assert quote["speaker"]["name"] == "Richard Weitz"
        assert quote["speaker"]["type"] == "person" and quote["speaker"]["id"] == weitz
        assert "Hudson Institute" in quote["speaker"]["description"]
        assert quote["article"] == {
            "id": demo["article"]["id"], "title": demo["article"]["title"],
            "source": demo["article"]["source"], "published_at": demo["article"]["published_at"]}
    assert demo["article"]["title"].startswith("Russia")


@pytest.mark.parametrize("org, speakers", [
    ("Center for Political-Military Analysis", {"Richard Weitz"}),
    ("Australian National University", {"Leonid Petrov"}),
    ("Kremlin", set()),
])
def test_speaker_affiliation_follows_affiliations_and_child_organizations(
        client, demo, org, speakers):
    if org not in demo["orgs"]:
        pytest.skip(f"{org} is not in the demo data")
    quotes = client.get(f"/v1/quotes?speaker_affiliation_id={demo['orgs'][org]}"
                        "&include=speaker&limit=100").json["data"]
    assert {q["speaker"]["name"] for q in quotes} == speakers


def test_speaker_affiliation_combines_with_q_dates_and_the_organization_itself(client, demo):
    hudson = demo["orgs"]["Hudson Institute"]
    base = f"/v1/quotes?speaker_affiliation_id={hudson}"
    assert len(client.get(f"{base}&q=leader").json["data"]) == 1
    assert client.get(f"{base}&q=debt").json["data"] == []
    assert client.get(f"{base}&published_to=1990-01-01").json["data"] == []
    assert len(client.get(f"{base}&sort=position").json["data"]) == 2
    # a quote said by the organization itself (here one below Hudson) counts too
    center = demo["orgs"]["Center for Political-Military Analysis"]
    created = client.post("/v1/quotes", json={
        "article_id": demo["article"]["id"], "speaker_organization_id": center,
        "text": "A statement."})
    assert created.status_code == 201, created.json
    quotes = client.get(f"{base}&include=speaker&limit=100").json["data"]
    assert len(quotes) == 3
    assert {"type": "organization", "id": center, "description": None,
            "name": "Center for Political-Military Analysis"} in [q["speaker"] for q in quotes]
    unknown = client.get("/v1/quotes?speaker_affiliation_id=999999")
    assert unknown.status_code == 200 and unknown.json["data"] == []


def test_include_on_quote_and_figure_items_and_lists(client, demo):
    article_id = demo["article"]["id"]
    quote = client.get(f"/v1/articles/{article_id}/quotes?limit=1").json["data"][0]
    assert "article" not in quote and "speaker" not in quote
    item = client.get(f"/v1/quotes/{quote['id']}?include=article,speaker").json
    assert item["article"]["title"] == demo["article"]["title"]
    assert item["speaker"]["id"] == quote["speaker_person_id"]
    figures = client.get("/v1/financial-figures?include=article&limit=100").json["data"]
    assert figures and all(f["article"]["id"] == article_id for f in figures)
    figure = client.get(f"/v1/financial-figures/{figures[0]['id']}?include=article").json
    assert figure["article"]["title"] == demo["article"]["title"]
    assert "article" not in client.get(f"/v1/financial-figures/{figures[0]['id']}").json


def test_a_quote_without_a_linked_speaker_embeds_null(client, demo):
    created = client.post("/v1/quotes", json={
        "article_id": demo["article"]["id"], "speaker_name": "a source", "text": "Words."})
    item = client.get(f"/v1/quotes/{created.json['id']}?include=speaker").json
    assert item["speaker"] is None and item["speaker_name"] == "a source"


def test_include_in_the_export(client, demo):
    lines = client.get("/v1/quotes?format=ndjson&include=speaker,article").get_data(
        as_text=True).splitlines()
    rows = [json.loads(line) for line in lines]
    paged = client.get("/v1/quotes?include=speaker,article&limit=100").json["data"]
    assert rows == paged and all(r["article"]["title"] for r in rows)


@pytest.mark.parametrize("query", ["include=people", "include=article,article",
                                   "include=speaker&include=bogus"])
def test_bad_include_is_422(client, demo, query):
    response = client.get(f"/v1/quotes?{query}")
    assert response.status_code == 422
    assert any(field.startswith("include") for field in response.json["errors"])
    figures = client.get("/v1/financial-figures?include=speaker")
    assert figures.status_code == 422 and "include.0" in figures.json["errors"]


def test_one_query_per_embedded_kind_per_page(client, demo, monkeypatch):
    """The statements a page with includes runs do not grow with its number of rows."""
    import psycopg

    calls = 0
    original = psycopg.Cursor.execute

    def counting(self, *args, **kwargs):
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counting)

    def statements(url: str) -> int:
        nonlocal calls
        calls = 0
        response = client.get(url)
        assert response.status_code == 200
        return calls

    one = statements("/v1/quotes?include=speaker,article&limit=1")
    four = statements("/v1/quotes?include=speaker,article&limit=100")
    assert len(client.get("/v1/quotes?limit=100").json["data"]) == 4
    assert one == four
