"""The list contract shared by every list endpoint: one keyset mechanism (sorts, cursors),
422 for invalid parameter values or combinations, 400 only for a cursor that cannot be
parsed."""

from __future__ import annotations

import json

import pytest
import requests

from api.pagination import Key, Listing, Sort, encode_cursor, int64
from tests.helpers import make_org, make_person, span, store, walk

PROBLEM = "application/problem+json"
BODY = ("Ann Lee of Acme said: “We owe $10 billion.” Bo Chen said prices rose 5%. "
        "“Debt is the question,” Ann Lee added.")


@pytest.fixture
def article(client) -> dict:
    return store(client, "Debt talk", BODY, {
        "people": [{"name": "Ann Lee", "mentions": [span(BODY, "Ann Lee")]},
                   {"name": "Bo Chen", "mentions": [span(BODY, "Bo Chen")]}],
        "organizations": [{"name": "Acme", "mentions": [span(BODY, "Acme")]}],
        "affiliations": [{"person": "Ann Lee", "organization": "Acme"}],
        "quotes": [{"speaker": "Ann Lee", "text": "We owe $10 billion."},
                   {"speaker": "Ann Lee", "text": "Debt is the question,"}],
        "financial_figures": [{"kind": "money", "value": "10000000000", "currency": "USD",
                               "text": "$10 billion"},
                              {"kind": "percent", "value": "5", "text": "5%"}],
    })


@pytest.mark.parametrize("url", ["/v1/articles", "/v1/people", "/v1/organizations",
                                 "/v1/quotes", "/v1/articles/1/quotes"])
def test_relevance_without_q_is_422_naming_sort(client, article, url):
    response = client.get(f"{url}?sort=relevance")
    assert response.status_code == 422, response.json
    assert response.content_type == PROBLEM
    assert response.json["errors"] == {"sort": ["'relevance' needs the 'q' parameter."]}
    assert response.json["detail"] == (
        "Invalid value for 'sort': 'relevance' needs the 'q' parameter.")


@pytest.mark.parametrize("cursor", ["!!!", "bm90IGpzb24", encode_cursor("name", ["x"])[:-3]])
def test_unparseable_cursor_is_400(client, article, cursor):
    response = client.get(f"/v1/people?cursor={cursor}")
    assert response.status_code == 400, response.json
    assert list(response.json["errors"]) == ["cursor"]


@pytest.mark.parametrize("url, other", [
    ("/v1/people?limit=1", "sort=created_at"),
    ("/v1/financial-figures?limit=1", "sort=value"),
    ("/v1/articles/1/quotes?limit=1", "sort=-created_at"),
])
def test_cursor_of_another_sort_is_422(client, article, url, other):
    cursor = client.get(url).json["next_cursor"]
    assert cursor
    response = client.get(f"{url}&{other}&cursor={cursor}")
    assert response.status_code == 422, response.json
    assert list(response.json["errors"]) == ["cursor"]
    assert response.json["detail"].startswith("Invalid value for 'cursor': it was made for sort")


@pytest.mark.parametrize("url, query", [
    ("/v1/articles", {}), ("/v1/people", {"sort": "-name"}),
    ("/v1/people", {"q": "Ann", "sort": "relevance"}), ("/v1/organizations", {}),
    ("/v1/quotes", {"sort": "position"}), ("/v1/quotes", {"q": "debt"}),
    ("/v1/financial-figures", {"sort": "-value"}), ("/v1/search", {"q": "Ann debt"}),
    ("/v1/articles/1/people", {}), ("/v1/articles/1/organizations", {}),
    ("/v1/people/1/articles", {}), ("/v1/people/1/co-mentions", {}),
    ("/v1/people/1/affiliations", {}), ("/v1/organizations/1/people", {}),
])
def test_every_list_pages_through_the_same_rows_as_one_big_page(client, article, url, query):
    one_by_one, pages = walk(client, url, {**query, "limit": 1})
    everything = client.get(url, query_string={**query, "limit": 100}).json["data"]
    assert one_by_one == everything and everything
    assert pages == len(everything)


def test_a_sort_binds_its_keyset_to_query_parameters():
    sort = Sort("id", "q", (Key("id", "after_id", int64),))
    listing = Listing(None, filters=("a",), sorts=(sort,))
    assert listing.params(sort, {"a": 1, "ignored": 2}, None, 5) == {
        "a": 1, "after_id": None, "limit": 5}
    assert listing.params(sort, {}, [7], 5) == {"a": None, "after_id": 7, "limit": 5}
    assert sort.decode(sort.encode({"id": 7})) == [7]


def test_people_and_organizations_lists_cover_their_records(client, article):
    make_person(client, name="Zed")
    make_org(client, name="Zeta")
    names = [p["name"] for p in walk(client, "/v1/people", {"limit": 1})[0]]
    assert names == ["Ann Lee", "Bo Chen", "Zed"]
    assert [o["name"] for o in walk(client, "/v1/organizations", {"limit": 1})[0]] == [
        "Acme", "Zeta"]


def ndjson(response) -> list[dict]:
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "application/x-ndjson"
    text = response.get_data(as_text=True)
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


EXPORTS = [
    ("/v1/articles", {}), ("/v1/articles", {"q": "debt"}), ("/v1/people", {"sort": "-name"}),
    ("/v1/people", {"q": "Ann"}), ("/v1/organizations", {}),
    ("/v1/quotes", {"sort": "position"}), ("/v1/quotes", {"q": "debt"}),
    ("/v1/quotes", {"speaker_person_id": 1, "sort": "created_at"}),
    ("/v1/financial-figures", {"sort": "-value"}), ("/v1/financial-figures", {"kind": "money"}),
    ("/v1/search", {"q": "Ann debt"}), ("/v1/articles/1/people", {}),
    ("/v1/articles/1/quotes", {}), ("/v1/articles/1/financial-figures", {}),
    ("/v1/people/1/quotes", {}), ("/v1/people/1/articles", {}),
    ("/v1/people/1/co-mentions", {}), ("/v1/organizations/1/people", {}),
]


@pytest.mark.parametrize("url, query", EXPORTS)
def test_ndjson_export_equals_the_concatenated_pages(client, article, url, query):
    store(client, "More debt", BODY + " More.", {"quotes": [{"text": "Debt is the question,"}]})
    pages, _ = walk(client, url, {**query, "limit": 1})
    assert pages
    assert ndjson(client.get(url, query_string={**query, "format": "ndjson"})) == pages
    by_accept = client.get(url, query_string=query, headers={"Accept": "application/x-ndjson"})
    assert ndjson(by_accept) == pages


def test_ndjson_export_continues_from_a_cursor(client, article):
    first = client.get("/v1/quotes?limit=1").json
    rest = ndjson(client.get(f"/v1/quotes?format=ndjson&cursor={first['next_cursor']}"))
    assert first["data"] + rest == walk(client, "/v1/quotes", {"limit": 1})[0]
    assert len(rest) == 1


def test_json_is_the_default_and_format_json_wins_over_accept(client, article):
    for headers, query in (({"Accept": "*/*"}, ""), ({}, ""),
                           ({"Accept": "application/x-ndjson"}, "?format=json")):
        response = client.get(f"/v1/quotes{query}", headers=headers)
        assert response.mimetype == "application/json" and len(response.json["data"]) == 2


@pytest.mark.parametrize("query, field", [("format=ndjson&limit=5", "limit"),
                                          ("format=ndjson&count=exact", "count"),
                                          ("format=csv", "format"), ("count=all", "count")])
def test_page_parameters_with_the_export_are_422(client, article, query, field):
    response = client.get(f"/v1/quotes?{query}")
    assert response.status_code == 422, response.json
    assert list(response.json["errors"]) == [field]


def test_export_of_a_missing_parent_is_a_404_problem(client, article):
    response = client.get("/v1/articles/999/quotes?format=ndjson")
    assert response.status_code == 404 and response.content_type == PROBLEM


def test_an_export_of_nothing_is_an_empty_body(client, article):
    response = client.get("/v1/quotes?format=ndjson&q=zebra")
    assert response.status_code == 200 and response.data == b""


def test_export_streams_over_http(live_server, admin_key, database_url):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {admin_key}"
    body = " ".join(f"“Point {i} stands,” Ann Lee said." for i in range(1000))
    created = session.post(f"{live_server.url}/v1/articles", timeout=60, json={
        "title": "Many", "body": body, "metadata": {"quotes": [
            {"speaker_name": "Ann Lee", "text": f"Point {i} stands,"} for i in range(1000)]}})
    assert created.status_code == 201, created.text
    url = f"{live_server.url}{created.headers['Location']}/quotes"
    with session.get(url, params={"format": "ndjson"}, stream=True, timeout=60) as response:
        assert response.headers["Content-Type"] == "application/x-ndjson"
        assert "Content-Length" not in response.headers  # streamed, not buffered
        rows = [json.loads(line) for line in response.iter_lines() if line]
    assert [row["text"] for row in rows] == [f"Point {i} stands," for i in range(1000)]


@pytest.mark.parametrize("url, query", [
    ("/v1/quotes", {}), ("/v1/quotes", {"q": "debt"}), ("/v1/people", {"q": "Ann"}),
    ("/v1/financial-figures", {"kind": "money"}), ("/v1/articles/1/people", {}),
    ("/v1/search", {"q": "Ann debt"}),
])
def test_count_exact_is_the_number_of_matching_rows(client, article, url, query):
    everything, _ = walk(client, url, {**query, "limit": 1})
    response = client.get(url, query_string={**query, "limit": 1, "count": "exact"})
    assert response.json["total"] == len(everything)
    second = client.get(url, query_string={**query, "limit": 1, "count": "exact",
                                           "cursor": response.json["next_cursor"] or ""})
    assert second.json["total"] == len(everything)  # the whole list's, whatever the page


def test_count_estimated_is_the_planners_number_and_total_is_absent_by_default(
        client, article, db):
    db.execute("ANALYZE quotes")
    response = client.get("/v1/quotes?count=estimated")
    assert isinstance(response.json["total"], int) and response.json["total"] >= 0
    plan = db.execute("EXPLAIN (FORMAT JSON) SELECT * FROM quotes").fetchone()
    assert response.json["total"] == next(iter(plan.values()))[0]["Plan"]["Plan Rows"]
    assert "total" not in client.get("/v1/quotes").json
