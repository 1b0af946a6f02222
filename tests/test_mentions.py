"""Mentions: /v1/articles/{id}/people, /organizations, /mentions and the per-entity items."""

from __future__ import annotations

import pytest

from tests.conftest import row_counts
from tests.test_quotes import make_article, walk

PROBLEM = "application/problem+json"
BODY = ("Vladimir Putin met Kim Jong Un in Moscow. Putin said the Kremlin and the Workers' "
        "Party of Korea agreed. Kim thanked Russia.")


def store_demo(client) -> dict:
    """An article with people and organizations, stored through POST /v1/articles."""
    def span(text: str, nth: int = 0) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = BODY.index(text, start + 1)
        return {"start": start, "end": start + len(text)}

    response = client.post("/v1/articles", json={"title": "Summit", "body": BODY, "metadata": {
        "people": [
            {"name": "Kim Jong Un", "aliases": ["Kim"], "description": "North Korean leader",
             "mentions": [span("Kim Jong Un"), span("Kim", 1)]},
            {"name": "Vladimir Putin", "aliases": ["Putin"],
             "mentions": [span("Putin", 1), span("Vladimir Putin")]},
        ],
        "organizations": [
            {"name": "Workers' Party of Korea", "kind": "other",
             "mentions": [span("Workers' Party of Korea")]},
            {"name": "Kremlin", "kind": "government", "mentions": [span("Kremlin")]},
        ],
    }})
    assert response.status_code == 201, response.json
    return response.json


def test_people_and_organizations_by_first_mention_with_spans(client):
    article = store_demo(client)
    people = client.get(f"/v1/articles/{article['id']}/people")
    assert people.status_code == 200
    rows = people.json["data"]
    assert [r["name"] for r in rows] == ["Vladimir Putin", "Kim Jong Un"]
    putin = rows[0]
    assert putin["article_id"] == article["id"] and putin["count"] == 2
    assert [BODY[s["start"]:s["end"]] for s in putin["spans"]] == ["Vladimir Putin", "Putin"]
    assert rows[1]["description"] == "North Korean leader"
    orgs = client.get(f"/v1/articles/{article['id']}/organizations").json["data"]
    assert [(o["name"], o["kind"]) for o in orgs] == [
        ("Kremlin", "government"), ("Workers' Party of Korea", "other")]
    assert set(orgs[0]) >= {"article_id", "organization_id", "spans", "count"}
    rows_paged, pages = walk(client, f"/v1/articles/{article['id']}/people", 1)
    assert [r["name"] for r in rows_paged] == ["Vladimir Putin", "Kim Jong Un"] and pages == 2


def test_functions_for_article_include(client, app):
    from api.data.mentions import organizations_for_article, people_for_article
    from api.db import connection

    article = store_demo(client)
    with app.app_context(), connection(readonly=True) as conn:
        people = people_for_article(conn, article["id"])
        orgs = organizations_for_article(conn, article["id"])
    assert [p["name"] for p in people] == ["Vladimir Putin", "Kim Jong Un"]
    assert [o["name"] for o in orgs] == ["Kremlin", "Workers' Party of Korea"]


def test_pagination_over_many_entities(client, db):
    body = " ".join(f"Name{i}" for i in range(30))
    article_id = make_article(client, body)
    for i in range(30):
        person_id = db.execute("INSERT INTO people (name) VALUES (%s) RETURNING id",
                               [f"Name{i}"]).fetchone()["id"]
        start = body.index(f"Name{i}")
        response = client.post(f"/v1/articles/{article_id}/mentions", json={
            "person_id": person_id, "spans": [{"start": start, "end": start + len(f"Name{i}")}],
        })
        assert response.status_code == 201, response.json
    rows, pages = walk(client, f"/v1/articles/{article_id}/people", 7)
    assert pages == 5 and [r["name"] for r in rows] == [f"Name{i}" for i in range(30)]


def test_add_get_and_delete_a_mention(client, db):
    article = store_demo(client)
    url = f"/v1/articles/{article['id']}"
    person_id = db.execute("INSERT INTO people (name) VALUES ('Moscow Mayor') RETURNING id"
                           ).fetchone()["id"]
    moscow = BODY.index("Moscow")
    added = client.post(f"{url}/mentions", json={
        "person_id": person_id, "spans": [{"start": moscow, "end": moscow + 6}]})
    assert added.status_code == 201, added.json
    assert added.headers["Location"] == f"{url}/people/{person_id}"
    assert added.json["spans"] == [{"start": moscow, "end": moscow + 6}]
    again = client.post(f"{url}/mentions", json={
        "person_id": person_id, "spans": [{"start": moscow, "end": moscow + 6}, {"start": 0,
                                                                                  "end": 8}]})
    assert again.status_code == 201 and again.json["count"] == 2  # the duplicate is ignored
    got = client.get(added.headers["Location"])
    assert got.status_code == 200 and got.json["count"] == 2 and got.headers["ETag"]
    assert client.delete(added.headers["Location"],
                         headers={"If-Match": '"stale"'}).status_code == 412
    deleted = client.delete(added.headers["Location"], headers={"If-Match": got.headers["ETag"]})
    assert deleted.status_code == 204
    assert client.get(added.headers["Location"]).status_code == 404
    assert client.delete(added.headers["Location"]).status_code == 404
    kremlin = client.get(f"{url}/organizations").json["data"][0]
    org_url = f"{url}/organizations/{kremlin['organization_id']}"
    assert client.get(org_url).json == kremlin
    assert client.delete(org_url).status_code == 204
    assert [o["name"] for o in client.get(f"{url}/organizations").json["data"]] == [
        "Workers' Party of Korea"]


def test_missing_article_is_404(client):
    for response in (client.get("/v1/articles/77/people"),
                     client.get("/v1/articles/77/organizations"),
                     client.post("/v1/articles/77/mentions",
                                 json={"person_id": 1, "spans": [{"start": 0, "end": 1}]})):
        assert response.status_code == 404 and response.content_type == PROBLEM


BAD_MENTIONS = [
    ("both ids", {"person_id": "P", "organization_id": "O"}, "organization_id"),
    ("no id", {}, "person_id"),
    ("no such person", {"person_id": 999}, "person_id"),
    ("no such organization", {"organization_id": 999}, "organization_id"),
    ("span beyond the body", {"person_id": "P", "spans": [{"start": 0, "end": 999}]},
     "spans.0.end"),
    ("empty span", {"person_id": "P", "spans": [{"start": 4, "end": 4}]}, "spans.0.end"),
    ("negative start", {"person_id": "P", "spans": [{"start": -1, "end": 4}]},
     "spans.0.start"),
    ("no spans", {"person_id": "P", "spans": []}, "spans"),
    ("unknown span field", {"person_id": "P", "spans": [{"start": 0, "end": 2, "x": 1}]},
     "spans.0.x"),
    ("unknown field", {"person_id": "P", "colour": "red"}, "colour"),
]


@pytest.mark.parametrize("name, fields, field", BAD_MENTIONS, ids=[b[0] for b in BAD_MENTIONS])
def test_bad_mentions_are_422_and_change_nothing(client, db, name, fields, field):
    article = store_demo(client)
    refs = {"P": db.execute("SELECT min(id) AS id FROM people").fetchone()["id"],
            "O": db.execute("SELECT min(id) AS id FROM organizations").fetchone()["id"]}
    body = {"spans": [{"start": 0, "end": 3}],
            **{k: refs.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}}
    before = row_counts(db)
    response = client.post(f"/v1/articles/{article['id']}/mentions", json=body)
    assert response.status_code == 422, response.json
    assert response.content_type == PROBLEM and field in response.json["errors"]
    assert row_counts(db) == before


def test_bad_list_parameters(client):
    article = store_demo(client)
    for query, field in (("limit=0", "limit"), ("cursor=abc", "cursor"), ("sort=name", "sort")):
        response = client.get(f"/v1/articles/{article['id']}/people?{query}")
        assert 400 <= response.status_code < 500 and field in response.json["errors"]
