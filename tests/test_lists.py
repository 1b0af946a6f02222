"""The list contract shared by every list endpoint: one keyset mechanism (sorts, cursors),
422 for invalid parameter values or combinations, 400 only for a cursor that cannot be
parsed."""

from __future__ import annotations

import pytest

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
    assert response.json["errors"] == {"cursor": ["Invalid cursor."]}


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
