"""Request bodies hold to the types the document gives them; responses to their media types."""

from __future__ import annotations

import pytest

from tests.conftest import row_counts
from tests.helpers import make_person, store

BODY = "Trade rose 12% to $3 billion."


def figure(article_id: int, value) -> dict:
    return {"article_id": article_id, "kind": "money", "currency": "USD", "value": value,
            "text": "$3 billion", "start": BODY.index("$3"), "end": BODY.index("$3") + 10}


@pytest.mark.parametrize("value", [3000000000, 3e9, "3e9", "1E6", " 3000", "3,000", "-1"])
def test_a_decimal_value_is_a_plain_decimal_string(client, db, value):
    article = store(client, "T", BODY, {})
    before = row_counts(db)
    response = client.post("/v1/financial-figures", json=figure(article["id"], value))
    assert response.status_code == 422, response.json
    assert response.content_type == "application/problem+json"
    assert "value" in response.json["errors"]
    assert row_counts(db) == before


def test_a_decimal_string_is_stored_exactly(client):
    article = store(client, "T", BODY, {})
    response = client.post("/v1/financial-figures", json=figure(article["id"], "3000000000.50"))
    assert response.status_code == 201, response.json
    assert response.json["value"] == "3000000000.50"


@pytest.mark.parametrize("start", [2.5, 1e-42, "7", True])
def test_body_integers_are_json_integers(client, db, start):
    before = row_counts(db)
    response = client.post("/v1/articles", json={
        "title": "T", "body": BODY,
        "metadata": {"people": [{"name": "Ann Lee", "mentions": [{"start": start, "end": 9}]}]}})
    assert response.status_code == 422, response.json
    assert "metadata" in response.json["errors"] or any(
        k.startswith("metadata") for k in response.json["errors"])
    assert row_counts(db) == before


def test_read_only_fields_are_refused_in_bodies(client):
    response = client.post("/v1/people", json={"name": "Ann Lee", "id": 5, "created_at": "x"})
    assert response.status_code == 422
    assert {"id", "created_at"} <= set(response.json["errors"])


def test_204_has_no_content_type(client):
    person = make_person(client)
    response = client.delete(f"/v1/people/{person['id']}")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert "Content-Type" not in response.headers
