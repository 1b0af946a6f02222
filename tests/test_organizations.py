"""/v1/organizations: CRUD and the parent hierarchy, filters, name search, sorts and
pagination, people, articles, co-mentions, timeline, merge and bad input."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import row_counts
from tests.helpers import make_org, span, store, walk

PROBLEM = "application/problem+json"


def names(client, query: str) -> list[str]:
    response = client.get(f"/v1/organizations?{query}")
    assert response.status_code == 200, response.json
    return [o["name"] for o in response.json["data"]]


def test_organization_crud(client):
    created = client.post("/v1/organizations", json={
        "name": "Hudson Institute", "aliases": ["Hudson"], "kind": "think tank",
        "external_ids": {"wikidata": "Q1636185"}})
    assert created.status_code == 201
    org = created.json
    url = f"/v1/organizations/{org['id']}"
    assert created.headers["Location"] == url
    assert (org["kind"], org["parent_id"]) == ("think tank", None)
    assert make_org(client, name="Plain")["kind"] == "other"
    got = client.get(url)
    assert got.json == org
    etag = got.headers["ETag"]
    patched = client.patch(url, json={"kind": "company"}, headers={"If-Match": etag})
    assert patched.status_code == 200 and patched.json["kind"] == "company"
    assert patched.json["aliases"] == ["Hudson"]
    assert client.patch(url, json={"kind": "media"}, headers={"If-Match": etag}).status_code \
        == 412
    assert client.delete(url, headers={"If-Match": etag}).status_code == 412
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


def test_parent_rules_and_filters(client):
    parent = make_org(client, name="Hudson Institute", kind="think tank")
    child = make_org(client, name="Center for Political-Military Analysis",
                     kind="think tank", parent_id=parent["id"])
    grandchild = make_org(client, name="Desk", kind="other", parent_id=child["id"])
    make_org(client, name="Kremlin", kind="government")
    assert child["parent_id"] == parent["id"]
    for bad_parent in (child["id"], grandchild["id"], parent["id"]):
        cycle = client.patch(f"/v1/organizations/{parent['id']}",
                             json={"parent_id": bad_parent})
        assert cycle.status_code == 422 and "parent_id" in cycle.json["errors"]
    missing = client.post("/v1/organizations", json={"name": "Orphan", "parent_id": 999})
    assert missing.status_code == 422 and "parent_id" in missing.json["errors"]
    assert names(client, f"parent_id={parent['id']}") == [
        "Center for Political-Military Analysis"]
    assert names(client, "kind=think tank") == [
        "Center for Political-Military Analysis", "Hudson Institute"]
    assert names(client, "kind=think tank&sort=-name") == [
        "Hudson Institute", "Center for Political-Military Analysis"]
    assert names(client, "kind=government") == ["Kremlin"]
    assert names(client, "kind=media") == []
    assert names(client, f"kind=other&parent_id={child['id']}") == ["Desk"]
    # removing the parent, and deleting a parent keeps its children
    assert client.patch(f"/v1/organizations/{grandchild['id']}",
                        json={"parent_id": None}).json["parent_id"] is None
    assert client.delete(f"/v1/organizations/{parent['id']}").status_code == 204
    assert client.get(f"/v1/organizations/{child['id']}").json["parent_id"] is None


def test_organization_search(client):
    make_org(client, name="Australian National University", aliases=["ANU"], kind="university")
    make_org(client, name="Kremlin", kind="government")
    make_org(client, name="Banco Central de Reserva del Perú", kind="government")
    assert names(client, "q=australian natonal") == ["Australian National University"]
    assert names(client, "q=ANU") == ["Australian National University"]
    assert names(client, "q=kremln") == ["Kremlin"]
    assert names(client, "q=reserva del peru") == ["Banco Central de Reserva del Perú"]
    assert names(client, "q=anu&kind=government") == []
    assert names(client, "q=kremlin&kind=government&sort=name") == ["Kremlin"]


@pytest.mark.parametrize("sort", ["name", "-name", "created_at", "-created_at", "relevance"])
def test_pagination_walks_every_row_once_in_order(client, sort):
    parent = make_org(client, name="Holding")
    for i in (4, 1, 9, 0, 7, 3, 8, 2, 6, 5) * 2 + (10, 11):
        make_org(client, name=f"Unit {i:02d}", kind="company", parent_id=parent["id"])
    query = {"limit": 4, "sort": sort, "kind": "company", "parent_id": parent["id"],
             **({"q": "unit"} if sort == "relevance" else {})}
    rows, pages = walk(client, "/v1/organizations", query)
    assert pages == 6
    assert sorted(r["id"] for r in rows) == list(range(2, 24))
    field = sort.lstrip("-")
    if field != "relevance":
        keys = [(r[field], r["id"]) for r in rows]
        assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_people_articles_co_mentions_and_timeline(client):
    body1 = "Ann Lee of Acme met Zed Corp."
    body2 = "Acme said “no,” and Acme left."
    meta1 = {"people": [{"name": "Ann Lee", "mentions": [span(body1, "Ann Lee")]}],
             "organizations": [{"name": "Acme", "kind": "company",
                                "mentions": [span(body1, "Acme")]},
                               {"name": "Zed Corp", "mentions": [span(body1, "Zed Corp")]}],
             "affiliations": [{"person": "Ann Lee", "organization": "Acme", "role": "CEO"}]}
    meta2 = {"organizations": [{"name": "Acme", "mentions": [
                 span(body2, "Acme"), {"start": body2.rindex("Acme"),
                                       "end": body2.rindex("Acme") + 4}]}],
             "quotes": [{"speaker": "Acme", "text": "no,", **span(body2, "no,")}]}
    first = store(client, "One", body1, meta1, "2024-01-31T23:00:00Z")
    second = store(client, "Two", body2, meta2, "2024-02-01T01:00:00Z")
    acme = client.get("/v1/organizations?q=acme").json["data"][0]
    url = f"/v1/organizations/{acme['id']}"
    people = client.get(f"{url}/people").json["data"]
    assert [(a["person"]["name"], a["organization"]["id"], a["role"], a["article_id"])
            for a in people] == [("Ann Lee", acme["id"], "CEO", first["id"])]
    articles = client.get(f"{url}/articles").json["data"]
    assert [(a["id"], a["mentions"]) for a in articles] == [(second["id"], 2), (first["id"], 1)]
    together = client.get(f"{url}/co-mentions").json["data"]
    assert [(c["type"], c["name"], c["articles"]) for c in together] == [
        ("organization", "Zed Corp", 1), ("person", "Ann Lee", 1)] or [
        (c["type"], c["name"], c["articles"]) for c in together] == [
        ("person", "Ann Lee", 1), ("organization", "Zed Corp", 1)]
    assert acme["id"] not in [c["id"] for c in together if c["type"] == "organization"]
    months = client.get(f"{url}/timeline?interval=month").json["data"]
    assert months == [
        {"period_start": "2024-01-01", "mentions": 1, "quotes": 0, "articles": 1},
        {"period_start": "2024-02-01", "mentions": 2, "quotes": 1, "articles": 1},
    ]
    assert client.get(f"{url}/timeline?to=2024-01-31").json["data"] == months[:1]
    assert client.get(f"{url}/timeline?from=2024-02-01").json["data"] == months[1:]
    assert client.get(f"{url}/timeline?from=2025-01-01").json["data"] == []


def test_merge_moves_names_children_mentions_quotes_and_affiliations(client, db):
    body = "The Kremlin and the Kremlin Palace. “Da,” said the Kremlin Palace."
    meta = {"people": [{"name": "Dmitry Peskov"}],
            "organizations": [
                {"name": "Kremlin", "kind": "government", "mentions": [span(body, "Kremlin")]},
                {"name": "Kremlin Palace", "aliases": ["The Palace"],
                 "mentions": [span(body, "Kremlin Palace")]},
                {"name": "Press Office", "parent": "Kremlin Palace"}],
            "affiliations": [{"person": "Dmitry Peskov", "organization": "Kremlin Palace",
                              "role": "spokesman"},
                             {"person": "Dmitry Peskov", "organization": "Kremlin",
                              "role": "spokesman"}],
            "quotes": [{"speaker": "Kremlin Palace", "text": "Da,", **span(body, "Da,")}]}
    store(client, "t", body, meta)
    kremlin = client.get("/v1/organizations?q=kremlin&sort=name").json["data"][0]
    palace = client.get("/v1/organizations?q=kremlin palace").json["data"][0]
    office = client.get("/v1/organizations?q=press office").json["data"][0]
    assert office["parent_id"] == palace["id"]
    merged = client.post(f"/v1/organizations/{kremlin['id']}/merge",
                         json={"duplicate_id": palace["id"]})
    assert merged.status_code == 200, merged.json
    assert set(merged.json["aliases"]) == {"Kremlin Palace", "The Palace"}
    assert merged.json["kind"] == "government"
    assert client.get(f"/v1/organizations/{palace['id']}").status_code == 404
    assert client.get(f"/v1/organizations/{office['id']}").json["parent_id"] == kremlin["id"]
    assert db.execute("SELECT count(*) FROM mentions WHERE organization_id = %s",
                      (kremlin["id"],)).fetchone()["count"] == 2
    assert db.execute("SELECT speaker_organization_id FROM quotes").fetchone()[
        "speaker_organization_id"] == kremlin["id"]
    roles = db.execute("SELECT organization_id FROM affiliations").fetchall()
    assert [r["organization_id"] for r in roles] == [kremlin["id"]]  # the same role, once
    assert client.get("/v1/organizations?q=the palace").json["data"][0]["id"] == kremlin["id"]


def test_merge_keeps_the_hierarchy_acyclic(client):
    top = make_org(client, name="Top")
    dup = make_org(client, name="Dup", parent_id=top["id"])
    survivor = make_org(client, name="Survivor", parent_id=dup["id"])
    child = make_org(client, name="Child", parent_id=dup["id"])
    merged = client.post(f"/v1/organizations/{survivor['id']}/merge",
                         json={"duplicate_id": dup["id"]})
    assert merged.status_code == 200, merged.json
    assert merged.json["parent_id"] == top["id"] and "Dup" in merged.json["aliases"]
    assert client.get(f"/v1/organizations/{child['id']}").json["parent_id"] == survivor["id"]
    # a parent merging its child; and a deeper descendant
    deep = make_org(client, name="Deep", parent_id=child["id"])
    assert client.post(f"/v1/organizations/{top['id']}/merge",
                       json={"duplicate_id": survivor["id"]}).status_code == 200
    assert client.get(f"/v1/organizations/{child['id']}").json["parent_id"] == top["id"]
    assert client.post(f"/v1/organizations/{deep['id']}/merge",
                       json={"duplicate_id": top["id"]}).status_code == 200
    assert client.get(f"/v1/organizations/{deep['id']}").json["parent_id"] is None
    assert client.get(f"/v1/organizations/{child['id']}").json["parent_id"] == deep["id"]


def test_merge_rejects_bad_ids_and_changes_nothing(client, db):
    org = make_org(client)
    before = row_counts(db)
    same = client.post(f"/v1/organizations/{org['id']}/merge", json={"duplicate_id": org["id"]})
    assert same.status_code == 422 and "duplicate_id" in same.json["errors"]
    assert client.post(f"/v1/organizations/{org['id']}/merge",
                       json={"duplicate_id": 999}).status_code == 422
    assert client.post("/v1/organizations/999/merge",
                       json={"duplicate_id": org["id"]}).status_code == 404
    assert row_counts(db) == before


def test_concurrent_patches_with_one_etag(client, app, admin_key):
    org = make_org(client)
    etag = client.get(f"/v1/organizations/{org['id']}").headers["ETag"]

    def patch(i: int) -> int:
        with app.test_client() as c:
            return c.patch(f"/v1/organizations/{org['id']}", json={"aliases": [f"v{i}"]},
                           headers={"If-Match": etag,
                                    "Authorization": f"Bearer {admin_key}"}).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(patch, range(6)))
    assert sorted(statuses) == [200] + [412] * 5


def test_concurrent_parent_changes_cannot_make_a_cycle(client, app, admin_key):
    for _ in range(5):
        a, b = make_org(client, name="A"), make_org(client, name="B")
        pairs = [(a["id"], b["id"]), (b["id"], a["id"])]

        def patch(pair: tuple[int, int]) -> int:
            with app.test_client() as c:
                return c.patch(f"/v1/organizations/{pair[0]}", json={"parent_id": pair[1]},
                               headers={"Authorization": f"Bearer {admin_key}"}).status_code

        with ThreadPoolExecutor(2) as pool:
            statuses = sorted(pool.map(patch, pairs))
        assert statuses == [200, 422]


@pytest.mark.parametrize("method, url, body, field", [
    ("post", "/v1/organizations", {"name": "A", "kind": "foo"}, "kind"),
    ("post", "/v1/organizations", {"name": "A", "kind": None}, "kind"),
    ("post", "/v1/organizations", {"name": "A", "parent_id": "x"}, "parent_id"),
    ("post", "/v1/organizations", {"name": "A", "parent_id": 0}, "parent_id"),
    ("post", "/v1/organizations", {"name": "A", "parent_id": 999}, "parent_id"),
    ("post", "/v1/organizations", {"name": "y" * 301}, "name"),
    ("post", "/v1/organizations", {"name": " "}, "name"),
    ("post", "/v1/organizations", {"name": "A\u0000"}, "name"),
    ("post", "/v1/organizations", {"name": "A", "aliases": [5]}, "aliases.0"),
    ("post", "/v1/organizations", {"name": "A", "colour": "red"}, "colour"),
    ("patch", "/v1/organizations/1", {"kind": "foo"}, "kind"),
    ("patch", "/v1/organizations/1", {"parent_id": 1}, "parent_id"),
    ("patch", "/v1/organizations/1", {"name": None}, "name"),
    ("post", "/v1/organizations/1/merge", {"duplicate_id": None}, "duplicate_id"),
    ("get", "/v1/organizations?kind=foo", None, "kind"),
    ("get", "/v1/organizations?parent_id=x", None, "parent_id"),
    ("get", "/v1/organizations?sort=kind", None, "sort"),
    ("get", "/v1/organizations?sort=relevance", None, "sort"),
    ("get", "/v1/organizations?organization_id=1", None, "organization_id"),
    ("get", "/v1/organizations?q=%00", None, "q"),
    ("get", "/v1/organizations?cursor=e30", None, "cursor"),
    ("get", "/v1/organizations/1/people?limit=-1", None, "limit"),
    ("get", "/v1/organizations/1/timeline?interval=hour", None, "interval"),
    ("get", "/v1/organizations/1/timeline?to=yesterday", None, "to"),
])
def test_bad_input_names_the_field_and_changes_nothing(client, db, method, url, body, field):
    make_org(client)
    before = row_counts(db)
    response = getattr(client, method)(url, json=body) if body is not None \
        else getattr(client, method)(url)
    assert 400 <= response.status_code < 500
    assert response.content_type == PROBLEM
    assert field in response.json["errors"], response.json
    assert row_counts(db) == before
    assert client.get("/v1/organizations/1").json["kind"] == "other"


@pytest.mark.parametrize("url", ["/v1/organizations/999", "/v1/organizations/999/people",
                                 "/v1/organizations/999/articles",
                                 "/v1/organizations/999/co-mentions",
                                 "/v1/organizations/999/timeline", "/v1/organizations/x"])
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.content_type == PROBLEM
