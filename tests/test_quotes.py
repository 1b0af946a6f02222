"""/v1/quotes and the quote sub-resources: CRUD, filters, pagination, ETags, bad input."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import row_counts

PROBLEM = "application/problem+json"
BODY = "The minister said the budget is fair. Critics replied that it is not fair at all."


def make_article(client, body: str = BODY, **fields) -> int:
    response = client.post("/v1/articles", json={"title": "Budget", "body": body, **fields})
    assert response.status_code == 201, response.json
    return response.json["id"]


def make_person(db, name: str = "Ann Minister") -> int:
    return db.execute("INSERT INTO people (name) VALUES (%s) RETURNING id", [name]).fetchone()["id"]


def make_org(db, name: str = "Critics Union") -> int:
    return db.execute(
        "INSERT INTO organizations (name) VALUES (%s) RETURNING id", [name]
    ).fetchone()["id"]


def make_quote(client, article_id: int, **fields) -> dict:
    response = client.post("/v1/quotes", json={"article_id": article_id, "text": "fair", **fields})
    assert response.status_code == 201, response.json
    return response.json


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json
    return [row["id"] for row in response.json["data"]]


def walk(client, url: str, limit: int) -> tuple[list[dict], int]:
    """Every row of a list, following next_cursor; returns (rows, pages)."""
    rows: list[dict] = []
    cursor, pages = None, 0
    while True:
        sep = "&" if "?" in url else "?"
        page_url = f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(page_url)
        assert response.status_code == 200, response.json
        rows.extend(response.json["data"])
        pages += 1
        cursor = response.json["next_cursor"]
        assert response.json["has_more"] == bool(cursor)
        if not cursor:
            assert "Link" not in response.headers
            return rows, pages
        assert 'rel="next"' in response.headers["Link"]


def test_create_get_location_etag(client, db):
    article_id = make_article(client)
    person_id = make_person(db)
    response = client.post("/v1/quotes", json={
        "article_id": article_id, "speaker_person_id": person_id, "speaker_name": "The minister",
        "text": "the budget is fair", "verb": "said", "start": 18, "end": 36,
    })
    assert response.status_code == 201, response.json
    quote = response.json
    assert response.headers["Location"] == f"/v1/quotes/{quote['id']}"
    assert quote["source"] == "manual" and quote["speaker_person_id"] == person_id
    assert BODY[quote["start"]:quote["end"]] == "the budget is fair"
    got = client.get(response.headers["Location"])
    assert got.status_code == 200 and got.json == quote and got.headers["ETag"]
    assert client.get(f"/v1/quotes/{quote['id'] + 1}").status_code == 404


def test_patch_and_delete_honour_if_match(client, db):
    quote = make_quote(client, make_article(client))
    url = f"/v1/quotes/{quote['id']}"
    etag = client.get(url).headers["ETag"]
    ok = client.patch(url, json={"verb": "noted"}, headers={"If-Match": etag})
    assert ok.status_code == 200 and ok.json["verb"] == "noted" and ok.json["text"] == "fair"
    stale = client.patch(url, json={"verb": "added"}, headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.content_type == PROBLEM
    assert client.delete(url, headers={"If-Match": etag}).status_code == 412
    assert client.patch(url, json={"verb": "added"}).status_code == 200  # last write wins
    new_etag = client.get(url).headers["ETag"]
    assert client.delete(url, headers={"If-Match": new_etag}).status_code == 204
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404


def test_concurrent_patches_with_same_etag_one_wins(client, app):
    """Four PATCHes with the same If-Match at once, each in its own thread and transaction:
    the row lock serializes them, so exactly one wins and the others see a stale ETag."""
    quote = make_quote(client, make_article(client))
    url = f"/v1/quotes/{quote['id']}"
    etag = client.get(url).headers["ETag"]
    auth = client.environ_base.get("HTTP_AUTHORIZATION")
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def patch(verb: str) -> None:
        own_client = app.test_client()
        if auth:
            own_client.environ_base["HTTP_AUTHORIZATION"] = auth
        barrier.wait()
        response = own_client.patch(url, json={"verb": verb}, headers={"If-Match": etag})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=patch, args=(f"verb{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412, 412, 412]
    assert client.get(url).json["verb"].startswith("verb")


def test_filters(client, db):
    old = make_article(client, published_at="2015-02-11T09:00:00Z")
    new = make_article(client, published_at="2024-05-01T00:00:00Z")
    person, org = make_person(db), make_org(db)
    q1 = make_quote(client, old, text="The budget is fair", verb="said", speaker_person_id=person)
    q2 = make_quote(client, new, text="It is not fair at all", verb="Replied",
                    speaker_organization_id=org)
    q3 = make_quote(client, new, text="Taxes will rise", verb="said")

    def query(params: str) -> list[int]:
        return ids(client.get(f"/v1/quotes?{params}"))

    assert query("") == [q3["id"], q2["id"], q1["id"]]
    assert query(f"speaker_person_id={person}") == [q1["id"]]
    assert query(f"speaker_organization_id={org}") == [q2["id"]]
    assert query(f"article_id={new}") == [q3["id"], q2["id"]]
    assert query("q=fair") == [q1["id"], q2["id"]] or query("q=fair") == [q2["id"], q1["id"]]
    assert query("q=taxes") == [q3["id"]]
    assert query("q=fair&sort=-created_at") == [q2["id"], q1["id"]]
    assert query("verb=SAID") == [q3["id"], q1["id"]]
    assert query("verb=replied") == [q2["id"]]
    assert query("published_from=2020-01-01") == [q3["id"], q2["id"]]
    assert query("published_to=2020-01-01T00:00:00Z") == [q1["id"]]
    assert query("published_from=2015-01-01&published_to=2016-01-01&verb=said") == [q1["id"]]
    assert query("sort=created_at") == [q1["id"], q2["id"], q3["id"]]
    assert query("q=zebra") == []


def test_kind_defaults_to_direct_and_filters_the_list(client, db):
    article = make_article(client)
    direct = make_quote(client, article, text="The budget is fair")
    partial = make_quote(client, article, text="fair", kind="partial")
    indirect = make_quote(client, article, text="it is not fair at all", kind="indirect")
    assert (direct["kind"], partial["kind"], indirect["kind"]) == ("direct", "partial",
                                                                   "indirect")
    assert ids(client.get("/v1/quotes?kind=indirect")) == [indirect["id"]]
    assert ids(client.get("/v1/quotes?kind=partial")) == [partial["id"]]
    assert ids(client.get(f"/v1/articles/{article}/quotes?kind=direct")) == [direct["id"]]
    patched = client.patch(f"/v1/quotes/{direct['id']}", json={"kind": "partial"},
                           headers={"If-Match": client.get(
                               f"/v1/quotes/{direct['id']}").headers["ETag"]})
    assert patched.status_code == 200 and patched.json["kind"] == "partial"
    with pytest.raises(Exception, match="quotes_kind_check"):
        db.execute("UPDATE quotes SET kind = 'scare' WHERE id = %s", [direct["id"]])


def test_relevance_orders_best_first(client):
    article_id = make_article(client)
    weak = make_quote(client, article_id, text="budget and many other words here")
    strong = make_quote(client, article_id, text="budget budget budget")
    assert ids(client.get("/v1/quotes?q=budget")) == [strong["id"], weak["id"]]


@pytest.mark.parametrize("sort, query", [
    ("-created_at", ""), ("created_at", ""), ("position", ""), ("relevance", "q=fair"),
])
def test_pagination_walks_every_row_once(client, sort, query):
    articles = [make_article(client), make_article(client)]
    created = set()
    for i in range(23):
        start = (i * 3) % 70
        created.add(make_quote(client, articles[i % 2], text="fair " * (i % 4 + 1),
                               start=start, end=start + 4)["id"])
    created.add(make_quote(client, articles[0], text="fair without span")["id"])
    rows, pages = walk(client, f"/v1/quotes?sort={sort}&{query}", 5)
    assert pages == 5
    assert len(rows) == len(created) and {r["id"] for r in rows} == created
    if sort == "position":
        keys = [(r["article_id"], r["start"] if r["start"] is not None else 2**31, r["id"])
                for r in rows]
        assert keys == sorted(keys)
    if sort == "created_at":
        assert [r["id"] for r in rows] == sorted(created)


def test_article_and_person_sub_resources(client, db):
    article_id = make_article(client)
    other = make_article(client)
    person = make_person(db)
    later = make_quote(client, article_id, text="not fair", start=70, end=78)
    earlier = make_quote(client, article_id, text="fair", start=32, end=36,
                         speaker_person_id=person)
    make_quote(client, other, text="elsewhere", speaker_person_id=person)
    assert ids(client.get(f"/v1/articles/{article_id}/quotes")) == [earlier["id"], later["id"]]
    assert ids(client.get(f"/v1/articles/{article_id}/quotes?sort=-created_at")) == [
        earlier["id"], later["id"]]
    rows, _ = walk(client, f"/v1/articles/{article_id}/quotes", 1)
    assert [r["id"] for r in rows] == [earlier["id"], later["id"]]
    person_quotes = ids(client.get(f"/v1/people/{person}/quotes"))
    assert len(person_quotes) == 2 and earlier["id"] in person_quotes
    assert ids(client.get(f"/v1/people/{person}/quotes?q=elsewhere")) == [person_quotes[0]]
    for url in (f"/v1/articles/{other + 5}/quotes", f"/v1/people/{person + 5}/quotes"):
        missing = client.get(url)
        assert missing.status_code == 404 and missing.content_type == PROBLEM
    bad = client.get(f"/v1/articles/{article_id}/quotes?article_id=3")
    assert bad.status_code == 422 and "article_id" in bad.json["errors"]


def test_list_for_article_function(client, app):
    from api.data.quotes import list_for_article
    from api.db import connection

    article_id = make_article(client)
    second = make_quote(client, article_id, start=40, end=44)
    first = make_quote(client, article_id, start=10, end=14)
    with app.app_context(), connection(readonly=True) as conn:
        rows = list_for_article(conn, article_id)
    assert [r["id"] for r in rows] == [first["id"], second["id"]]


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"),
    ("limit=101", "limit"),
    ("speaker_person_id=abc", "speaker_person_id"),
    ("article_id=0", "article_id"),
    ("published_from=yesterday", "published_from"),
    ("sort=speaker", "sort"),
    ("kind=scare", "kind"),
    ("sort=relevance", "sort"),
    ("cursor=garbage", "cursor"),
    ("q=%00", "q"),
    ("colour=red", "colour"),
])
def test_bad_list_parameters_name_the_parameter(client, query, field):
    response = client.get(f"/v1/quotes?{query}")
    assert 400 <= response.status_code < 500
    assert response.content_type == PROBLEM
    assert field in response.json["errors"] and field in response.json["detail"]


def test_cursor_from_another_sort_is_rejected(client):
    article_id = make_article(client)
    for _ in range(3):
        make_quote(client, article_id)
    cursor = client.get("/v1/quotes?limit=1").json["next_cursor"]
    response = client.get(f"/v1/quotes?limit=1&sort=position&cursor={cursor}")
    assert response.status_code == 422 and "cursor" in response.json["errors"]


BAD_QUOTES = [
    ("no such article", {"article_id": 999}, "article_id"),
    ("no such person", {"speaker_person_id": 999}, "speaker_person_id"),
    ("no such organization", {"speaker_organization_id": 999}, "speaker_organization_id"),
    ("two speakers", {"speaker_person_id": "P", "speaker_organization_id": "O"},
     "speaker_organization_id"),
    ("span past the body", {"start": 10, "end": len(BODY) + 1}, "end"),
    ("start after end", {"start": 20, "end": 10}, "end"),
    ("start without end", {"start": 5}, "end"),
    ("negative start", {"start": -1, "end": 3}, "start"),
    ("unknown field", {"colour": "red"}, "colour"),
    ("read-only field", {"source": "extracted"}, "source"),
    ("nul byte", {"text": "fa\x00ir"}, "text"),
    ("blank text", {"text": "   "}, "text"),
    ("empty text", {"text": ""}, "text"),
    ("text too long", {"text": "x" * 10001}, "text"),
    ("verb too long", {"verb": "v" * 51}, "verb"),
    ("unknown kind", {"kind": "scare"}, "kind"),
    ("confidence above 1", {"confidence": 1.5}, "confidence"),
    ("wrong type", {"start": "ten", "end": 20}, "start"),
]


@pytest.mark.parametrize("name, fields, field", BAD_QUOTES, ids=[b[0] for b in BAD_QUOTES])
def test_bad_bodies_are_422_naming_the_field_and_change_nothing(client, db, name, fields,
                                                                 field):
    article_id = make_article(client)
    person, org = make_person(db), make_org(db)
    quote = make_quote(client, article_id, start=0, end=3)
    fields = {k: {"P": person, "O": org}.get(v, v) if isinstance(v, str) else v
              for k, v in fields.items()}
    before = row_counts(db)
    created = client.post("/v1/quotes", json={"article_id": article_id, "text": "fair", **fields})
    assert created.status_code == 422, created.json
    assert created.content_type == PROBLEM and field in created.json["errors"]
    assert field in created.json["detail"]
    patch_fields = {k: v for k, v in fields.items() if k != "article_id"}
    if name == "start without end":
        patch_fields = {"start": None}
        field = "start"
    if patch_fields:
        patched = client.patch(f"/v1/quotes/{quote['id']}", json=patch_fields)
        assert patched.status_code == 422, patched.json
        assert field in patched.json["errors"]
    assert row_counts(db) == before
    assert client.get(f"/v1/quotes/{quote['id']}").json == quote


def test_article_id_cannot_be_changed(client):
    quote = make_quote(client, make_article(client))
    response = client.patch(f"/v1/quotes/{quote['id']}", json={"article_id": 2})
    assert response.status_code == 422 and "article_id" in response.json["errors"]
