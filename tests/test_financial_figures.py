"""/v1/financial-figures and /v1/articles/{id}/financial-figures: CRUD, exact decimals,
filters, pagination, ETags and bad input."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import row_counts
from tests.test_quotes import make_article, make_org, make_person, walk

PROBLEM = "application/problem+json"
BODY = "Russia forgave 90% ($10 billion) of the debt, and pledged EUR 1.5 million more."


def make_figure(client, article_id: int, **fields) -> dict:
    body = {"article_id": article_id, "kind": "money", "value": "100", "currency": "USD",
            **fields}
    response = client.post("/v1/financial-figures", json=body)
    assert response.status_code == 201, response.json
    return response.json


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json
    return [row["id"] for row in response.json["data"]]


def test_create_linked_figures_with_exact_values(client):
    article_id = make_article(client, BODY)
    amount = make_figure(client, article_id, value="10000000000", text="$10 billion",
                         measures="Soviet-era debt forgiven", start=20, end=31)
    share = client.post("/v1/financial-figures", json={
        "article_id": article_id, "kind": "percent", "value": "90", "text": "90%",
        "start": 15, "end": 18, "related_figure_id": amount["id"],
        "sentence": BODY[:45],
    })
    assert share.status_code == 201, share.json
    assert share.headers["Location"] == f"/v1/financial-figures/{share.json['id']}"
    assert share.json["related_figure_id"] == amount["id"] and share.json["currency"] is None
    assert amount["value"] == "10000000000" and isinstance(amount["value"], str)
    precise = make_figure(client, article_id, value="0.000000000000000000000000000001")
    assert precise["value"] == "0.000000000000000000000000000001"  # never "1E-30"
    big = make_figure(client, article_id, value="999999999999999999999999.99")
    assert big["value"] == "999999999999999999999999.99"
    got = client.get(f"/v1/financial-figures/{amount['id']}")
    assert got.status_code == 200 and got.json == amount and got.headers["ETag"]
    assert BODY[amount["start"]:amount["end"]] == "$10 billion"


def test_patch_delete_and_etags(client):
    article_id = make_article(client, BODY)
    amount = make_figure(client, article_id)
    share = make_figure(client, article_id, kind="percent", currency=None, value="90",
                        related_figure_id=amount["id"])
    url = f"/v1/financial-figures/{amount['id']}"
    etag = client.get(url).headers["ETag"]
    ok = client.patch(url, json={"value": "10000000000.50", "currency": "EUR"},
                      headers={"If-Match": etag})
    assert ok.status_code == 200 and ok.json["value"] == "10000000000.50"
    assert ok.json["currency"] == "EUR" and ok.json["kind"] == "money"
    assert client.patch(url, json={"value": "1"}, headers={"If-Match": etag}).status_code == 412
    to_percent = client.patch(url, json={"kind": "percent", "currency": None})
    assert to_percent.status_code == 200 and to_percent.json["currency"] is None
    etag = client.get(url).headers["ETag"]
    assert client.delete(url, headers={"If-Match": '"stale"'}).status_code == 412
    assert client.delete(url, headers={"If-Match": etag}).status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"/v1/financial-figures/{share['id']}").json["related_figure_id"] is None


def test_concurrent_patches_with_same_etag_one_wins(client, app):
    figure = make_figure(client, make_article(client, BODY))
    url = f"/v1/financial-figures/{figure['id']}"
    etag = client.get(url).headers["ETag"]
    auth = client.environ_base.get("HTTP_AUTHORIZATION")
    barrier = threading.Barrier(3)
    statuses: list[int] = []

    def patch(value: str) -> None:
        own_client = app.test_client()
        if auth:
            own_client.environ_base["HTTP_AUTHORIZATION"] = auth
        barrier.wait()
        statuses.append(own_client.patch(url, json={"value": value},
                                         headers={"If-Match": etag}).status_code)

    threads = [threading.Thread(target=patch, args=(str(i),)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412, 412]


def test_filters(client, db):
    old = make_article(client, BODY, published_at="2015-02-11T09:00:00Z")
    new = make_article(client, BODY, published_at="2024-05-01T00:00:00Z")
    person, org = make_person(db), make_org(db)
    db.execute("INSERT INTO mentions (article_id, person_id, start, \"end\") VALUES (%s, %s, 0, 6)",
               [old, person])
    db.execute("INSERT INTO mentions (article_id, organization_id, start, \"end\") "
               "VALUES (%s, %s, 0, 6)", [new, org])
    usd_big = make_figure(client, old, value="10000000000")
    pct = make_figure(client, old, kind="percent", currency=None, value="90")
    eur = make_figure(client, new, value="1500000", currency="EUR")
    usd_small = make_figure(client, new, value="250.75")

    def query(params: str) -> list[int]:
        return ids(client.get(f"/v1/financial-figures?{params}"))

    assert query("") == [usd_small["id"], eur["id"], pct["id"], usd_big["id"]]
    assert query("kind=percent") == [pct["id"]]
    assert query("kind=money&sort=value") == [usd_small["id"], eur["id"], usd_big["id"]]
    assert query("currency=USD&sort=-value") == [usd_big["id"], usd_small["id"]]
    assert query("currency=USD&min_value=1000") == [usd_big["id"]]
    assert query("min_value=90&max_value=1500000&sort=value") == [
        pct["id"], usd_small["id"], eur["id"]]
    assert query("max_value=250.75") == [usd_small["id"], pct["id"]]
    assert query(f"article_id={old}&sort=created_at") == [usd_big["id"], pct["id"]]
    assert query(f"person_id={person}") == [pct["id"], usd_big["id"]]
    assert query(f"organization_id={org}") == [usd_small["id"], eur["id"]]
    assert query("published_from=2020-01-01") == [usd_small["id"], eur["id"]]
    assert query("published_to=2020-01-01&kind=money") == [usd_big["id"]]
    assert query("currency=JPY") == []


@pytest.mark.parametrize("sort", ["-created_at", "created_at", "value", "-value", "position"])
def test_pagination_walks_every_row_once(client, sort):
    articles = [make_article(client, BODY), make_article(client, BODY)]
    created = set()
    for i in range(22):
        value = f"{(i * 37) % 11}.{i % 3}"  # repeated values: the id breaks ties
        created.add(make_figure(client, articles[i % 2], value=value,
                                start=i % 7, end=i % 7 + 3)["id"])
    rows, pages = walk(client, f"/v1/financial-figures?sort={sort}", 5)
    assert pages == 5 and len(rows) == 22 and {r["id"] for r in rows} == created
    if sort in ("value", "-value"):
        from decimal import Decimal

        keys = [(Decimal(r["value"]), r["id"]) for r in rows]
        assert keys == sorted(keys, reverse=sort == "-value")


def test_article_sub_resource_in_order_of_appearance(client, app):
    from api.data.financial_figures import list_for_article
    from api.db import connection

    article_id = make_article(client, BODY)
    second = make_figure(client, article_id, start=20, end=31)
    first = make_figure(client, article_id, kind="percent", currency=None, value="90",
                        start=15, end=18)
    unplaced = make_figure(client, article_id)
    expected = [first["id"], second["id"], unplaced["id"]]
    assert ids(client.get(f"/v1/articles/{article_id}/financial-figures")) == expected
    rows, pages = walk(client, f"/v1/articles/{article_id}/financial-figures", 2)
    assert [r["id"] for r in rows] == expected and pages == 2
    assert ids(client.get(  # equal values: the id breaks the tie
        f"/v1/articles/{article_id}/financial-figures?kind=money&sort=-value")) == [
        unplaced["id"], second["id"]]
    with app.app_context(), connection(readonly=True) as conn:
        assert [r["id"] for r in list_for_article(conn, article_id)] == expected
    missing = client.get(f"/v1/articles/{article_id + 9}/financial-figures")
    assert missing.status_code == 404 and missing.content_type == PROBLEM


@pytest.mark.parametrize("query, field", [
    ("kind=foo", "kind"),
    ("currency=XYZ", "currency"),
    ("currency=usd", "currency"),
    ("min_value=abc", "min_value"),
    ("max_value=NaN", "max_value"),
    ("min_value=-1", "min_value"),
    ("min_value=10&max_value=5", "max_value"),
    ("person_id=x", "person_id"),
    ("sort=amount", "sort"),
    ("limit=500", "limit"),
    ("cursor=%%%", "cursor"),
    ("colour=red", "colour"),
])
def test_bad_list_parameters_name_the_parameter(client, query, field):
    response = client.get(f"/v1/financial-figures?{query}")
    assert 400 <= response.status_code < 500, response.json
    assert response.content_type == PROBLEM
    assert field in response.json["errors"] and field in response.json["detail"]


BAD_FIGURES = [
    ("kind foo", {"kind": "foo"}, "kind"),
    ("unknown currency", {"currency": "XYZ"}, "currency"),
    ("lower-case currency", {"currency": "usd"}, "currency"),
    ("money without currency", {"currency": None}, "currency"),
    ("percent with currency", {"kind": "percent"}, "currency"),
    ("NaN", {"value": "NaN"}, "value"),
    ("Infinity", {"value": "Infinity"}, "value"),
    ("negative", {"value": "-5"}, "value"),
    ("too large", {"value": "1e30"}, "value"),
    ("1e24", {"value": "1e24"}, "value"),
    ("too precise", {"value": "1e-40"}, "value"),
    ("not a number", {"value": "ten"}, "value"),
    ("span past the body", {"start": 5, "end": len(BODY) + 1}, "end"),
    ("empty span", {"start": 5, "end": 5}, "end"),
    ("no such related figure", {"related_figure_id": 999}, "related_figure_id"),
    ("related in another article", {"related_figure_id": "OTHER"}, "related_figure_id"),
    ("no such article", {"article_id": 999}, "article_id"),
    ("text too long", {"text": "x" * 201}, "text"),
    ("nul byte", {"measures": "debt\x00"}, "measures"),
    ("unknown field", {"colour": "red"}, "colour"),
]


@pytest.mark.parametrize("name, fields, field", BAD_FIGURES, ids=[b[0] for b in BAD_FIGURES])
def test_bad_bodies_are_422_naming_the_field_and_change_nothing(client, db, name, fields,
                                                                 field):
    article_id = make_article(client, BODY)
    other = make_figure(client, make_article(client, BODY))
    figure = make_figure(client, article_id, start=0, end=6)
    fields = {k: other["id"] if v == "OTHER" else v for k, v in fields.items()}
    before = row_counts(db)
    body = {"article_id": article_id, "kind": "money", "value": "5", "currency": "USD", **fields}
    created = client.post("/v1/financial-figures", json=body)
    assert created.status_code == 422, created.json
    assert created.content_type == PROBLEM and field in created.json["errors"]
    assert field in created.json["detail"]
    patch_fields = {k: v for k, v in fields.items() if k != "article_id"}
    if name == "percent with currency":
        patch_fields = {"kind": "percent"}
    if patch_fields:
        patched = client.patch(f"/v1/financial-figures/{figure['id']}", json=patch_fields)
        assert patched.status_code == 422, patched.json
        assert field in patched.json["errors"]
    assert row_counts(db) == before
    assert client.get(f"/v1/financial-figures/{figure['id']}").json == figure


def test_figure_cannot_be_related_to_itself(client):
    figure = make_figure(client, make_article(client, BODY))
    response = client.patch(f"/v1/financial-figures/{figure['id']}",
                            json={"related_figure_id": figure["id"]})
    assert response.status_code == 422 and "related_figure_id" in response.json["errors"]


@pytest.mark.parametrize("url, sort, key", [
    ("/v1/financial-figures?sort=value", "value", ["abc", "1"]),
    ("/v1/financial-figures?sort=-value", "-value", ["NaN", "1"]),
    ("/v1/financial-figures?sort=position", "position", ["1", str(2**40), "1"]),
    ("/v1/financial-figures", "-created_at", ["2024-01-01T00:00:00Z", str(2**70)]),
    ("/v1/quotes", "-created_at", ["not a time", "1"]),
    ("/v1/quotes?q=x", "relevance", ["0.5", "x"]),
    ("/v1/search?q=x", "rank", ["0.5", "bogus\u0000", "1"]),
    ("/v1/articles/1/people", "first_mention", [str(2**40), "1"]),
])
def test_tampered_cursors_are_400(client, url, sort, key):
    from api.pagination import encode_cursor

    make_article(client, BODY)
    cursor = encode_cursor(sort, key)
    response = client.get(f"{url}{'&' if '?' in url else '?'}cursor={cursor}")
    assert response.status_code == 400, response.json
    assert response.content_type == PROBLEM and "cursor" in response.json["errors"]
