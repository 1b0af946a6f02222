"""/v1/people: CRUD, name search, sorts and pagination, affiliations, merge, articles,
co-mentions, timeline, concurrent edits and bad input."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import row_counts
from tests.helpers import make_org, make_person, span, store, walk

PROBLEM = "application/problem+json"


def test_person_crud(client):
    created = client.post("/v1/people", json={
        "name": "Ann Lee", "aliases": ["A. Lee"], "external_ids": {"wikidata": "Q1"}})
    assert created.status_code == 201
    person = created.json
    url = f"/v1/people/{person['id']}"
    assert created.headers["Location"] == url
    assert person["description"] is None and person["created_at"] and person["updated_at"]
    got = client.get(url)
    assert got.json == person and got.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": got.headers["ETag"]}).status_code == 304
    patched = client.patch(url, json={"description": "Economist"},
                           headers={"If-Match": got.headers["ETag"]})
    assert patched.status_code == 200 and patched.json["description"] == "Economist"
    assert patched.json["aliases"] == ["A. Lee"]
    assert patched.json["external_ids"] == {"wikidata": "Q1"}
    stale = client.patch(url, json={"name": "X"}, headers={"If-Match": got.headers["ETag"]})
    assert stale.status_code == 412 and stale.content_type == PROBLEM
    assert client.get(url).json["name"] == "Ann Lee"
    assert client.delete(url, headers={"If-Match": got.headers["ETag"]}).status_code == 412
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404


@pytest.mark.parametrize("query, expected", [
    ("Kom Jong Un", "Kim Jong Un"),
    ("putin", "Vladimir Putin"),
    ("VLADIMIR PUTIN", "Vladimir Putin"),
    ("jose martinez", "José Martínez"),
    ("Martines", "José Martínez"),
    ("Kim", "Kim Jong Un"),
    ("supreme leader", "Kim Jong Un"),  # an alias only
    ("Vladimir Vladimirovich", "Vladimir Putin"),
])
def test_name_search_tolerates_case_accents_aliases_and_typos(client, query, expected):
    make_person(client, name="Vladimir Putin", aliases=["Putin", "Vladimir Vladimirovich Putin"])
    make_person(client, name="Kim Jong Un", aliases=["Kim", "Supreme Leader"])
    make_person(client, name="José Martínez")
    make_person(client, name="Angela Merkel")
    response = client.get("/v1/people", query_string={"q": query})
    assert response.status_code == 200
    names = [p["name"] for p in response.json["data"]]
    assert names and names[0] == expected
    assert "Angela Merkel" not in names


def test_search_ranks_by_similarity_and_q_filters_every_sort(client):
    make_person(client, name="Kim Jong Un")
    make_person(client, name="Kim Jong Il")
    make_person(client, name="Angela Merkel")
    ranked = client.get("/v1/people?q=kim jong un").json["data"]
    assert [p["name"] for p in ranked] == ["Kim Jong Un", "Kim Jong Il"]
    for sort in ("name", "-name", "created_at", "-created_at"):
        names = [p["name"] for p in client.get(f"/v1/people?q=kim jong&sort={sort}").json["data"]]
        assert sorted(names) == ["Kim Jong Il", "Kim Jong Un"], sort
    assert client.get("/v1/people?q=zzzzqqq").json["data"] == []


@pytest.mark.parametrize("sort", ["name", "-name", "created_at", "-created_at", "relevance"])
def test_pagination_walks_every_row_once_in_order(client, sort):
    for i in (5, 3, 9, 1, 7, 0, 2, 8, 4, 6) * 2 + (11, 10, 12):
        client.post("/v1/people", json={"name": f"Smith {i:02d}"})  # duplicate names too
    query = {"limit": 5, "sort": sort, **({"q": "smith"} if sort == "relevance" else {})}
    rows, pages = walk(client, "/v1/people", query)
    assert pages == 5
    assert sorted(r["id"] for r in rows) == list(range(1, 24))
    if sort.lstrip("-") == "name":
        keys = [(r["name"], r["id"]) for r in rows]
    elif sort.lstrip("-") == "created_at":
        keys = [(r["created_at"], r["id"]) for r in rows]
    else:
        keys = []
    assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_cursor_of_another_sort_is_rejected(client):
    for i in range(3):
        make_person(client, name=f"P{i}")
    cursor = client.get("/v1/people?limit=1").json["next_cursor"]
    response = client.get(f"/v1/people?limit=1&sort=-name&cursor={cursor}")
    assert response.status_code == 422 and "cursor" in response.json["errors"]


def test_affiliations_from_both_sides_and_organization_filter(client, db):
    person = make_person(client, name="Richard Weitz")
    other = make_person(client, name="Someone Else")
    org = make_org(client, name="Hudson Institute", kind="think tank")
    article = store(client, "t", "Richard Weitz of Hudson.", {})
    added = client.post(f"/v1/people/{person['id']}/affiliations",
                        json={"organization_id": org["id"], "role": "director",
                              "article_id": article["id"]})
    assert added.status_code == 201, added.json
    assert added.json["person"] == {"id": person["id"], "name": "Richard Weitz"}
    assert added.json["organization"] == {"id": org["id"], "name": "Hudson Institute"}
    assert (added.json["role"], added.json["article_id"]) == ("director", article["id"])
    before = row_counts(db)
    again = client.post(f"/v1/people/{person['id']}/affiliations",
                        json={"organization_id": org["id"], "role": "director",
                              "article_id": article["id"]})
    assert again.status_code == 409 and again.content_type == PROBLEM
    bad_org = client.post(f"/v1/people/{person['id']}/affiliations",
                          json={"organization_id": 999})
    assert bad_org.status_code == 422 and list(bad_org.json["errors"]) == ["organization_id"]
    bad_article = client.post(f"/v1/people/{person['id']}/affiliations",
                              json={"organization_id": org["id"], "article_id": 999})
    assert bad_article.status_code == 422 and list(bad_article.json["errors"]) == ["article_id"]
    no_person = client.post("/v1/people/999/affiliations", json={"organization_id": org["id"]})
    assert no_person.status_code == 404
    assert row_counts(db) == before
    mine = client.get(f"/v1/people/{person['id']}/affiliations").json["data"]
    assert [(a["organization"]["name"], a["role"], a["article_id"]) for a in mine] == [
        ("Hudson Institute", "director", article["id"])]
    theirs = client.get(f"/v1/organizations/{org['id']}/people").json["data"]
    assert [(a["person"]["name"], a["role"]) for a in theirs] == [("Richard Weitz", "director")]
    filtered = client.get(f"/v1/people?organization_id={org['id']}").json["data"]
    assert [p["id"] for p in filtered] == [person["id"]]
    assert other["id"] not in [p["id"] for p in filtered]
    assert client.get("/v1/people?organization_id=999").json["data"] == []


def test_affiliation_lists_paginate(client):
    person = make_person(client)
    for i in range(7):
        org = make_org(client, name=f"Org {i}")
        assert client.post(f"/v1/people/{person['id']}/affiliations",
                           json={"organization_id": org["id"]}).status_code == 201
    rows, pages = walk(client, f"/v1/people/{person['id']}/affiliations", {"limit": 3})
    assert pages == 3 and [r["organization"]["name"] for r in rows] == [
        f"Org {i}" for i in range(7)]


def test_articles_co_mentions_and_timeline(client):
    body1 = "Ann Lee met Bob Stone at Acme."
    body2 = "Ann Lee spoke to Acme staff. “Fine,” said Ann Lee."
    meta1 = {"people": [{"name": "Ann Lee", "mentions": [span(body1, "Ann Lee")]},
                        {"name": "Bob Stone", "mentions": [span(body1, "Bob Stone")]}],
             "organizations": [{"name": "Acme", "kind": "company",
                                "mentions": [span(body1, "Acme")]}]}
    meta2 = {"people": [{"name": "Ann Lee", "mentions": [
                 span(body2, "Ann Lee"), {"start": body2.rindex("Ann Lee"),
                                          "end": body2.rindex("Ann Lee") + 7}]}],
             "organizations": [{"name": "Acme", "mentions": [span(body2, "Acme")]}],
             "quotes": [{"speaker": "Ann Lee", "text": "Fine,", "verb": "said",
                         **span(body2, "Fine,")}]}
    first = store(client, "One", body1, meta1, "2024-01-10T10:00:00Z")
    second = store(client, "Two", body2, meta2, "2024-03-05T10:00:00Z")
    ann = client.get("/v1/people?q=Ann Lee").json["data"][0]
    articles = client.get(f"/v1/people/{ann['id']}/articles").json["data"]
    assert [(a["id"], a["mentions"]) for a in articles] == [(second["id"], 2), (first["id"], 1)]
    assert set(articles[0]) >= {"id", "url", "title", "source", "published_at", "mentions"}
    assert articles[0]["published_at"] == "2024-03-05T10:00:00+00:00"
    together = client.get(f"/v1/people/{ann['id']}/co-mentions").json["data"]
    assert [(c["type"], c["name"], c["articles"]) for c in together] == [
        ("organization", "Acme", 2), ("person", "Bob Stone", 1)]
    rows, pages = walk(client, f"/v1/people/{ann['id']}/co-mentions", {"limit": 1})
    assert pages == 2 and [c["name"] for c in rows] == ["Acme", "Bob Stone"]
    timeline = client.get(f"/v1/people/{ann['id']}/timeline?interval=month").json
    assert timeline == {"interval": "month", "data": [
        {"period_start": "2024-01-01", "mentions": 1, "quotes": 0, "articles": 1},
        {"period_start": "2024-03-01", "mentions": 2, "quotes": 1, "articles": 1},
    ]}
    weeks = client.get(f"/v1/people/{ann['id']}/timeline?interval=week&from=2024-02-01")
    assert weeks.json["data"] == [
        {"period_start": "2024-03-04", "mentions": 2, "quotes": 1, "articles": 1}]
    days = client.get(f"/v1/people/{ann['id']}/timeline?interval=day&from=2024-01-10"
                      "&to=2024-01-10").json["data"]
    assert [d["period_start"] for d in days] == ["2024-01-10"]
    default = client.get(f"/v1/people/{ann['id']}/timeline").json
    assert default["interval"] == "month" and len(default["data"]) == 2


def test_person_articles_paginate_newest_first(client):
    body = "Ann Lee spoke."
    meta = {"people": [{"name": "Ann Lee", "mentions": [span(body, "Ann Lee")]}]}
    ids = [store(client, f"A{i}", body, meta, f"2024-01-{i + 1:02d}T00:00:00Z")["id"]
           for i in range(7)]
    ids.append(store(client, "undated", body, meta)["id"])  # sorts by creation time: newest
    rows, pages = walk(client, "/v1/people/1/articles", {"limit": 3})
    assert pages == 3 and [r["id"] for r in rows] == [ids[-1], *reversed(ids[:-1])]


def test_merge_people_moves_everything(client, db):
    body = "Kim Jong Un and Kom Jong Un. “Yes,” said Kom Jong Un."
    meta = {"people": [
        {"name": "Kim Jong Un", "aliases": ["Kim"], "mentions": [span(body, "Kim Jong Un")]},
        {"name": "Kom Jong Un", "aliases": ["KJU"], "mentions": [span(body, "Kom Jong Un")]}],
        "organizations": [{"name": "Workers' Party"}, {"name": "Army"}],
        "affiliations": [{"person": "Kom Jong Un", "organization": "Workers' Party",
                          "role": "leader"},
                         {"person": "Kim Jong Un", "organization": "Army", "role": "chief"},
                         {"person": "Kom Jong Un", "organization": "Army", "role": "chief"}],
        "quotes": [{"speaker": "Kom Jong Un", "text": "Yes,", **span(body, "Yes,")}]}
    article = store(client, "t", body, meta)
    kim, kom = (client.get(f"/v1/people?q={n}").json["data"][0] for n in ("Kim Jong", "Kom"))
    assert kim["id"] != kom["id"]
    # the same span for both people: the survivor keeps its own, the duplicate's goes
    db.execute("INSERT INTO mentions (article_id, person_id, start, \"end\") "
               "VALUES (%s, %s, 0, 11)", (article["id"], kom["id"]))
    merged = client.post(f"/v1/people/{kim['id']}/merge", json={"duplicate_id": kom["id"]})
    assert merged.status_code == 200, merged.json
    assert merged.json["name"] == "Kim Jong Un"
    assert merged.json["aliases"] == ["Kim", "Kom Jong Un", "KJU"] or set(
        merged.json["aliases"]) == {"Kim", "Kom Jong Un", "KJU"}
    assert client.get(f"/v1/people/{kom['id']}").status_code == 404
    spans = db.execute("SELECT start FROM mentions WHERE person_id = %s ORDER BY start",
                       (kim["id"],)).fetchall()
    assert [s["start"] for s in spans] == [0, body.index("Kom Jong Un")]
    assert db.execute("SELECT count(*) FROM mentions WHERE person_id = %s",
                      (kom["id"],)).fetchone()["count"] == 0
    assert db.execute("SELECT speaker_person_id FROM quotes").fetchone()[
        "speaker_person_id"] == kim["id"]
    roles = db.execute("SELECT person_id, role FROM affiliations ORDER BY role").fetchall()
    assert [(r["person_id"], r["role"]) for r in roles] == [(kim["id"], "chief"),
                                                            (kim["id"], "leader")]
    assert client.get("/v1/people?q=Kom Jong Un").json["data"][0]["id"] == kim["id"]


def test_merge_rejects_bad_ids_and_changes_nothing(client, db):
    kim = make_person(client, name="Kim")
    before = row_counts(db)
    same = client.post(f"/v1/people/{kim['id']}/merge", json={"duplicate_id": kim["id"]})
    assert same.status_code == 422 and "duplicate_id" in same.json["errors"]
    missing = client.post(f"/v1/people/{kim['id']}/merge", json={"duplicate_id": 999})
    assert missing.status_code == 422 and "duplicate_id" in missing.json["errors"]
    assert client.post("/v1/people/999/merge", json={"duplicate_id": kim["id"]}).status_code \
        == 404
    for body in ({}, {"duplicate_id": "x"}, {"duplicate_id": 0}, {"duplicate_id": 2,
                                                                   "extra": 1}):
        response = client.post(f"/v1/people/{kim['id']}/merge", json=body)
        assert response.status_code == 422 and response.content_type == PROBLEM, body
    assert row_counts(db) == before


def test_merge_past_the_alias_limit_is_422(client, db):
    keep = make_person(client, name="Keep", aliases=[f"k{i}" for i in range(100)])
    dup = make_person(client, name="Dup", aliases=["d1"])
    before = row_counts(db)
    response = client.post(f"/v1/people/{keep['id']}/merge", json={"duplicate_id": dup["id"]})
    assert response.status_code == 422 and "duplicate_id" in response.json["errors"]
    assert row_counts(db) == before
    assert client.get(f"/v1/people/{dup['id']}").status_code == 200


def test_ingest_matches_by_alias_and_caps_aliases(client):
    kim = make_person(client, name="Kim Jong Un", aliases=[f"k{i}" for i in range(99)])
    body = "Kim Jong-un and KIM JONG UN spoke."
    store(client, "t", body, {"people": [
        {"name": "KIM JONG UN", "aliases": ["Kim Jong-un", "kim jong-un", "Marshal Kim"]}]})
    people = client.get("/v1/people").json["data"]
    assert [p["id"] for p in people] == [kim["id"]]  # matched, not duplicated
    assert len(people[0]["aliases"]) == 100 and people[0]["aliases"][-1] == "Kim Jong-un"


def test_concurrent_patches_with_one_etag(client, app, admin_key):
    person = make_person(client)
    etag = client.get(f"/v1/people/{person['id']}").headers["ETag"]

    def patch(i: int) -> int:
        with app.test_client() as c:
            return c.patch(f"/v1/people/{person['id']}", json={"description": f"v{i}"},
                           headers={"If-Match": etag,
                                    "Authorization": f"Bearer {admin_key}"}).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(patch, range(8)))
    assert sorted(statuses) == [200] + [412] * 7


@pytest.mark.parametrize("method, url, body, field", [
    ("post", "/v1/people", {"name": ""}, "name"),
    ("post", "/v1/people", {"name": "   "}, "name"),
    ("post", "/v1/people", {"name": "x" * 301}, "name"),
    ("post", "/v1/people", {}, "name"),
    ("post", "/v1/people", {"name": None}, "name"),
    ("post", "/v1/people", {"name": "A", "aliases": "B"}, "aliases"),
    ("post", "/v1/people", {"name": "A", "aliases": ["ok", ""]}, "aliases.1"),
    ("post", "/v1/people", {"name": "A", "aliases": ["a"] * 101}, "aliases"),
    ("post", "/v1/people", {"name": "A", "aliases": ["x\u0000"]}, "aliases.0"),
    ("post", "/v1/people", {"name": "A", "description": "d" * 2001}, "description"),
    ("post", "/v1/people", {"name": "A", "external_ids": []}, "external_ids"),
    ("post", "/v1/people", {"name": "A", "external_ids": {"w": "\u0000"}}, "external_ids.w.value"),
    ("post", "/v1/people", {"name": "A", "external_ids": {"w": 5}}, "external_ids.w.value"),
    ("post", "/v1/people", {"name": "A", "colour": "red"}, "colour"),
    ("post", "/v1/people", {"name": "A", "id": 9}, "id"),
    ("post", "/v1/people", {"name": "A\u0000"}, "name"),
    ("post", "/v1/people", {"name": 5}, "name"),
    ("patch", "/v1/people/1", {"name": ""}, "name"),
    ("patch", "/v1/people/1", {"aliases": None}, "aliases"),
    ("patch", "/v1/people/1", {"created_at": "2024-01-01T00:00:00Z"}, "created_at"),
    ("post", "/v1/people/1/affiliations", {"organization_id": "x"}, "organization_id"),
    ("post", "/v1/people/1/affiliations", {"role": "r"}, "organization_id"),
    ("post", "/v1/people/1/affiliations", {"organization_id": 1, "role": "r" * 301}, "role"),
    ("post", "/v1/people/1/affiliations", {"organization_id": 1, "article_id": -1},
     "article_id"),
    ("post", "/v1/people/1/merge", {"duplicate_id": "x"}, "duplicate_id"),
    ("post", "/v1/people/1/merge", {"duplicate_id": 2**63}, "duplicate_id"),
    ("get", "/v1/people?organization_id=abc", None, "organization_id"),
    ("get", "/v1/people?organization_id=0", None, "organization_id"),
    ("get", "/v1/people?sort=relevance", None, "sort"),
    ("get", "/v1/people?sort=title", None, "sort"),
    ("get", "/v1/people?limit=500", None, "limit"),
    ("get", "/v1/people?limit=0", None, "limit"),
    ("get", "/v1/people?q=", None, "q"),
    ("get", "/v1/people?q=a%00b", None, "q"),
    ("get", f"/v1/people?q={'x' * 201}", None, "q"),
    ("get", "/v1/people?cursor=garbage", None, "cursor"),
    ("get", "/v1/people?colour=red", None, "colour"),
    ("get", "/v1/people/1/articles?sort=name", None, "sort"),
    ("get", "/v1/people/1/co-mentions?limit=101", None, "limit"),
    ("get", "/v1/people/1/timeline?interval=year", None, "interval"),
    ("get", "/v1/people/1/timeline?from=2024-13-01", None, "from"),
    ("get", "/v1/people/1/timeline?from=2024-02-01&to=2024-01-01", None, "to"),
    ("get", "/v1/people/1/timeline?published_from=2024-01-01", None, "published_from"),
])
def test_bad_input_names_the_field_and_changes_nothing(client, db, method, url, body, field):
    make_person(client)
    make_person(client, name="Bob")
    make_org(client)
    before = row_counts(db)
    response = getattr(client, method)(url, json=body) if body is not None \
        else getattr(client, method)(url)
    assert 400 <= response.status_code < 500
    assert response.content_type == PROBLEM
    assert field in response.json["errors"], response.json
    assert row_counts(db) == before
    assert client.get("/v1/people/1").json["name"] == "Ann Lee"


@pytest.mark.parametrize("url", ["/v1/people/999", "/v1/people/999/articles",
                                 "/v1/people/999/co-mentions", "/v1/people/999/timeline",
                                 "/v1/people/999/affiliations", f"/v1/people/{2**70}",
                                 "/v1/people/abc", "/v1/people/-1"])
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.content_type == PROBLEM
