"""Small helpers shared by the tests: creating records, walking paginated lists, reading
quote spans."""

from __future__ import annotations


def make_person(client, **fields) -> dict:
    response = client.post("/v1/people", json={"name": "Ann Lee", **fields})
    assert response.status_code == 201, response.json
    return response.json


def make_org(client, **fields) -> dict:
    response = client.post("/v1/organizations", json={"name": "Acme", **fields})
    assert response.status_code == 201, response.json
    return response.json


def store(client, title: str, body: str, metadata: dict, published_at: str | None = None):
    """POST an article with hand-entered metadata; return it."""
    response = client.post("/v1/articles", json={
        "title": title, "body": body, "metadata": metadata, "published_at": published_at})
    assert response.status_code == 201, response.json
    return response.json


def span(body: str, text: str) -> dict:
    """The span of the first occurrence of `text` in `body`."""
    start = body.index(text)
    return {"start": start, "end": start + len(text)}


def walk(client, url: str, query: dict) -> tuple[list[dict], int]:
    """Every row of a list, following next_cursor; returns (rows, pages)."""
    rows, cursor, pages = [], None, 0
    while True:
        response = client.get(url, query_string={**query, **({"cursor": cursor} if cursor
                                                             else {})})
        assert response.status_code == 200, response.json
        rows.extend(response.json["data"])
        pages += 1
        cursor = response.json["next_cursor"]
        assert response.json["has_more"] == bool(cursor)
        if not cursor:
            return rows, pages
        assert 'rel="next"' in response.headers["Link"]


def quote_covers(body: str, quote) -> bool:
    """Whether ``quote``'s text is what its span of ``body`` holds: the span itself, or, for
    a quote joined from several segments (“A,” X said, “B.”), the segments' words in order
    (the span runs from the first segment to the last)."""
    inside = body[quote.start:quote.end]
    if inside == quote.text:
        return True
    pos = 0
    for word in quote.text.split():
        pos = inside.find(word, pos)
        if pos < 0:
            return False
        pos += len(word)
    return inside.startswith(quote.text.split()[0]) and inside.endswith(quote.text.split()[-1])
