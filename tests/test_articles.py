"""/v1/articles: create, read, list with filters and pagination, update, delete, bad input."""

from __future__ import annotations

import pytest

from tests.conftest import row_counts

PROBLEM = "application/problem+json"


def make(client, **fields) -> dict:
    body = {"title": "A title", "body": "Some text.", **fields}
    response = client.post("/v1/articles", json=body)
    assert response.status_code == 201, response.json
    return response.json


def test_create_get_returns_location_and_etag(client):
    response = client.post("/v1/articles", json={
        "title": "Budget passes", "body": "The council approved it.",
        "url": "HTTPS://News.Example.com/budget?utm_source=x#top", "authors": ["A. Writer"],
        "published_at": "2024-03-01T10:00:00+01:00", "source": "Example News",
    })
    assert response.status_code == 201
    article = response.json
    assert response.headers["Location"] == f"/v1/articles/{article['id']}"
    assert article["url"] == "https://news.example.com/budget"
    assert article["published_at"] == "2024-03-01T09:00:00+00:00"
    assert article["language"] == "en" and article["quotes_count"] == 0
    got = client.get(response.headers["Location"])
    assert got.status_code == 200 and got.json == article
    assert got.headers["ETag"]
    assert client.get(
        response.headers["Location"], headers={"If-None-Match": got.headers["ETag"]}
    ).status_code == 304


def test_duplicate_url_is_409_and_changes_nothing(client, db):
    first = make(client, url="https://example.com/a")
    before = row_counts(db)
    response = client.post("/v1/articles", json={
        "title": "Again", "body": "x", "url": "https://EXAMPLE.com/a#frag"})
    assert response.status_code == 409
    assert response.content_type == PROBLEM
    assert str(first["id"]) in response.json["detail"]
    assert row_counts(db) == before


def test_patch_with_if_match_and_stale_etag(client):
    article = make(client)
    etag = client.get(f"/v1/articles/{article['id']}").headers["ETag"]
    ok = client.patch(f"/v1/articles/{article['id']}", json={"title": "New"},
                      headers={"If-Match": etag})
    assert ok.status_code == 200 and ok.json["title"] == "New"
    assert ok.json["body"] == "Some text."
    stale = client.patch(f"/v1/articles/{article['id']}", json={"title": "Newer"},
                         headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.content_type == PROBLEM
    assert client.get(f"/v1/articles/{article['id']}").json["title"] == "New"


def test_patch_without_if_match_is_last_write_wins(client):
    article = make(client)
    response = client.patch(f"/v1/articles/{article['id']}", json={"source": "Wire"})
    assert response.status_code == 200 and response.json["source"] == "Wire"


def test_delete(client):
    article = make(client)
    etag = client.get(f"/v1/articles/{article['id']}").headers["ETag"]
    assert client.delete(f"/v1/articles/{article['id']}",
                         headers={"If-Match": '"stale"'}).status_code == 412
    assert client.delete(f"/v1/articles/{article['id']}",
                         headers={"If-Match": etag}).status_code == 204
    missing = client.get(f"/v1/articles/{article['id']}")
    assert missing.status_code == 404 and missing.content_type == PROBLEM
    assert client.delete(f"/v1/articles/{article['id']}").status_code == 404


@pytest.mark.parametrize("sort", ["-published_at", "published_at"])
def test_pagination_walks_every_row_once(client, sort):
    ids = set()
    for day in range(1, 26):
        ids.add(make(client, published_at=f"2024-01-{day:02d}T12:00:00Z")["id"])
    for _ in range(5):  # same timestamp: the id breaks the tie
        ids.add(make(client, published_at="2024-01-10T12:00:00Z")["id"])
    seen: list[dict] = []
    url = f"/v1/articles?limit=7&sort={sort}"
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen.extend(response.json["data"])
        pages += 1
        if response.json["has_more"]:
            link = response.headers["Link"]
            assert 'rel="next"' in link
            url = f"/v1/articles?limit=7&sort={sort}&cursor={response.json['next_cursor']}"
        else:
            assert response.json["next_cursor"] is None
            url = None
    assert pages == 5
    assert [a["id"] for a in seen if True] and {a["id"] for a in seen} == ids
    assert len(seen) == len(ids)
    keys = [(a["published_at"], a["id"]) for a in seen]
    assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_filters(client):
    make(client, title="Central bank raises rates", body="Inflation worries the bank.",
         source="Wire", published_at="2024-02-01T00:00:00Z")
    make(client, title="Football final", body="The bank of fans cheered.", source="Sport",
         language="fr", published_at="2024-05-01T00:00:00Z")
    make(client, title="Undated", body="No date here.")

    def titles(query: str) -> list[str]:
        response = client.get(f"/v1/articles?{query}")
        assert response.status_code == 200, response.json
        return [a["title"] for a in response.json["data"]]

    assert titles("q=bank") == ["Central bank raises rates", "Football final"]  # title ranks
    assert titles("q=inflation") == ["Central bank raises rates"]
    assert titles("source=Sport") == ["Football final"]
    assert titles("language=fr") == ["Football final"]
    assert titles("published_from=2024-03-01") == ["Football final"]
    assert titles("published_to=2024-03-01T00:00:00Z") == ["Central bank raises rates"]
    assert titles("q=bank&sort=-published_at") == ["Football final", "Central bank raises rates"]
    assert titles("q=zebra") == []


def test_relevance_pagination(client):
    for i in range(12):
        make(client, title=f"Item {i}", body="budget " * (i + 1))
    seen = []
    cursor = None
    while True:
        query = "/v1/articles?q=budget&limit=5" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(query)
        seen.extend(a["id"] for a in response.json["data"])
        cursor = response.json["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == list(range(1, 13))


@pytest.mark.parametrize("query, field", [
    ("limit=0", "limit"),
    ("limit=101", "limit"),
    ("limit=abc", "limit"),
    ("published_from=yesterday", "published_from"),
    ("sort=title", "sort"),
    ("sort=relevance", "sort"),
    ("language=English!", "language"),
    ("cursor=not-a-cursor", "cursor"),
    ("colour=red", "colour"),
])
def test_bad_list_parameters_name_the_parameter(client, query, field):
    response = client.get(f"/v1/articles?{query}")
    assert 400 <= response.status_code < 500
    assert response.content_type == PROBLEM
    assert field in response.json["errors"]
    assert field in response.json["detail"]


def test_cursor_from_another_sort_is_rejected(client):
    for _ in range(3):
        make(client)
    cursor = client.get("/v1/articles?limit=1").json["next_cursor"]
    response = client.get(f"/v1/articles?limit=1&sort=published_at&cursor={cursor}")
    assert response.status_code == 422 and "cursor" in response.json["errors"]


BAD_BODIES = [
    ("malformed json", '{"title": "x", "body": ', "application/json", 400),
    ("not an object", "[1, 2]", "application/json", 422),
    ("wrong types", '{"title": 5, "body": ["x"]}', "application/json", 422),
    ("unknown field", '{"title": "t", "body": "b", "colour": "red"}', "application/json", 422),
    ("missing body", '{"title": "t"}', "application/json", 422),
    ("too long title", '{"title": "' + "t" * 1001 + '", "body": "b"}', "application/json", 422),
    ("empty title", '{"title": "", "body": "b"}', "application/json", 422),
    ("invalid date", '{"title": "t", "body": "b", "published_at": "2024-13-45"}',
     "application/json", 422),
    ("bad url", '{"title": "t", "body": "b", "url": "ftp://x"}', "application/json", 422),
    ("nul byte", '{"title": "t\\u0000", "body": "b"}', "application/json", 422),
    ("read-only field", '{"title": "t", "body": "b", "id": 7}', "application/json", 422),
    ("form post", "title=t&body=b", "application/x-www-form-urlencoded", 415),
    ("too large", '{"title": "t", "body": "' + "x" * (3 * 1024 * 1024) + '"}',
     "application/json", 413),
]


@pytest.mark.parametrize("name, payload, content_type, status", BAD_BODIES,
                         ids=[b[0] for b in BAD_BODIES])
def test_bad_bodies_are_problems_and_change_nothing(client, db, name, payload, content_type,
                                                    status):
    article = make(client)
    before = row_counts(db)
    for method, url in (("post", "/v1/articles"), ("patch", f"/v1/articles/{article['id']}")):
        if method == "patch" and name in {"missing body"}:
            continue
        response = getattr(client, method)(url, data=payload, content_type=content_type)
        assert response.status_code == status, (method, response.json)
        assert response.content_type == PROBLEM
        assert {"type", "title", "status", "detail"} <= set(response.json)
        assert "Traceback" not in response.get_data(as_text=True)
    assert row_counts(db) == before
    assert client.get(f"/v1/articles/{article['id']}").json == article


def test_lists_carry_bodies_only_with_include_body(client):
    made = [make(client, title=f"T{i}", body=f"Body number {i}.") for i in range(3)]
    listed = client.get("/v1/articles?limit=2")
    assert listed.status_code == 200, listed.json
    assert listed.json["data"] and all("body" not in a for a in listed.json["data"])
    assert all(a["people_count"] == 0 and a["title"] for a in listed.json["data"])
    cursor = listed.json["next_cursor"]
    more = client.get(f"/v1/articles?limit=2&include=body&cursor={cursor}")
    assert more.status_code == 200, more.json
    assert [a["body"] for a in more.json["data"]] == ["Body number 0."]
    with_bodies = client.get("/v1/articles?include=body&q=body&sort=-published_at")
    assert {a["body"] for a in with_bodies.json["data"]} == {m["body"] for m in made}
    assert client.get(f"/v1/articles/{made[0]['id']}").json["body"] == "Body number 0."
    wrong = client.get("/v1/articles?include=people")
    assert wrong.status_code == 422 and "include" in wrong.json["detail"]


def test_relevance_ranks_the_newest_matches(client, db):
    # The oldest match would rank first (its title matches), but relevance ranks the 200
    # newest matches only; newest-first with q still reaches it.
    db.execute("""INSERT INTO articles (title, body, published_at)
                  VALUES ('Budget budget budget', 'The budget.', '2020-01-01T00:00:00Z')""")
    db.execute("""INSERT INTO articles (title, body, published_at)
                  SELECT 'Item ' || g, 'A budget report, number ' || g,
                         timestamptz '2024-01-01T00:00:00Z' + g * interval '1 hour'
                  FROM generate_series(1, 200) g""")
    seen, cursor = [], None
    for _ in range(20):
        query = "/v1/articles?q=budget&limit=100" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(query)
        assert response.status_code == 200, response.json
        seen += [a["title"] for a in response.json["data"]]
        cursor = response.json["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 200 and "Budget budget budget" not in seen
    oldest = client.get("/v1/articles?q=budget&sort=published_at&limit=1").json["data"]
    assert [a["title"] for a in oldest] == ["Budget budget budget"]


SPANNED_BODY = "Ana Ruiz met Bo Lind in Oslo. Ana Ruiz said \"we agree\" and costs rose 5%."


def spanned_article(client) -> int:
    """An article whose metadata was entered by hand: a mention and a quote with spans, a
    figure with one, and a person without spans (matched in the body by name)."""
    response = client.post("/v1/articles", json={"title": "T", "body": SPANNED_BODY, "metadata": {
        "people": [{"name": "Ana Ruiz", "mentions": [{"start": 30, "end": 38}]},
                   {"name": "Bo Lind"}],
        "quotes": [{"speaker": "Ana Ruiz", "text": "we agree", "start": 45, "end": 53}],
        "financial_figures": [{"kind": "percent", "value": "5", "text": "5%",
                               "start": 70, "end": 72}]}})
    assert response.status_code == 201, response.json
    return response.json["id"]


def test_a_shorter_body_that_cuts_hand_entered_spans_is_422_naming_them(client, db):
    article_id = spanned_article(client)
    before = row_counts(db)
    body_before = client.get(f"/v1/articles/{article_id}").json["body"]
    response = client.patch(f"/v1/articles/{article_id}", json={"body": SPANNED_BODY[:40]})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    message = response.json["errors"]["body"][0]
    assert "40 code points" in message
    assert "quote 1 at [45, 53)" in message and "financial figure 1 at [70, 72)" in message
    assert "mention" not in message  # the hand-entered mention [30, 38) still fits
    assert row_counts(db) == before
    assert client.get(f"/v1/articles/{article_id}").json["body"] == body_before
    for path in ("quotes", "financial-figures"):
        for record in client.get(f"/v1/{path}?article_id={article_id}").json["data"]:
            assert record["end"] <= len(body_before)


def test_a_shorter_body_that_keeps_every_span_is_stored(client, db):
    article_id = spanned_article(client)
    kept = SPANNED_BODY[:54] + "."
    response = client.patch(f"/v1/articles/{article_id}",
                            json={"body": kept})
    assert response.status_code == 422  # the figure at [70, 72) is past 55
    assert client.delete("/v1/financial-figures/1").status_code == 204
    response = client.patch(f"/v1/articles/{article_id}", json={"body": kept})
    assert response.status_code == 200, response.json
    # no span of any kind points past the stored body
    spans = db.execute(
        'SELECT max("end") AS last FROM (SELECT "end" FROM mentions WHERE article_id = %(a)s '
        'UNION ALL SELECT "end" FROM quotes WHERE article_id = %(a)s '
        'UNION ALL SELECT "end" FROM financial_figures WHERE article_id = %(a)s) s',
        {"a": article_id}).fetchone()
    assert spans["last"] <= len(kept)


def test_mentions_matched_by_name_past_a_shorter_body_are_dropped(client, db):
    article_id = spanned_article(client)
    matched = db.execute("SELECT start, \"end\" FROM mentions WHERE source = 'matched' "
                         "ORDER BY start").fetchall()
    assert [(m["start"], m["end"]) for m in matched] == [(13, 20)]  # Bo Lind, found by name
    client.delete("/v1/quotes/1")
    client.delete("/v1/financial-figures/1")
    db.execute("DELETE FROM mentions WHERE source = 'manual'")
    response = client.patch(f"/v1/articles/{article_id}", json={"body": "Ana Ruiz met Bo"})
    assert response.status_code == 200, response.json
    left = db.execute("SELECT count(*) FROM mentions WHERE article_id = %s",
                      (article_id,)).fetchone()
    assert left["count"] == 0


def test_newest_matches_are_the_plain_querys_on_every_path(db):
    # 3,000 articles, one a minute: "common" in every other one, "middle" in one in 40,
    # "recent" only in the newest 20, "old" only in the oldest 300, "lone" in one. With
    # statistics (ANALYZE), common words walk the time index, words with few estimated
    # matches take them all, and the others (against a small n) go through windows of the
    # newest articles, widened as needed: the ids must be the plain query's, with and
    # without filters.
    db.execute("""
        INSERT INTO articles (title, body, published_at, source)
        SELECT 'Item ' || g,
               concat_ws(' ', 'Report',
                         CASE WHEN g % 2 = 0 THEN 'common' END,
                         CASE WHEN g % 40 = 0 THEN 'middle' END,
                         CASE WHEN g > 2980 THEN 'recent' END,
                         CASE WHEN g <= 300 THEN 'old' END,
                         CASE WHEN g = 1234 THEN 'lone' END),
               timestamptz '2024-01-01T00:00:00Z' + g * interval '1 minute',
               CASE WHEN g % 3 = 0 THEN 'wire' ELSE 'desk' END
        FROM generate_series(1, 3000) g""")
    db.execute("ANALYZE articles")
    plain = """SELECT id FROM articles
               WHERE search @@ websearch_to_tsquery('english', %(q)s)
                 AND (%(source)s::text IS NULL OR source = %(source)s)
                 AND (%(since)s::timestamptz IS NULL OR published_at >= %(since)s)
               ORDER BY sort_at DESC, id DESC LIMIT %(n)s"""
    fast = """SELECT id FROM dossier_newest_article_matches(
                websearch_to_tsquery('english', %(q)s), %(since)s, NULL, %(source)s, NULL,
                %(n)s)"""
    for q in ("common", "middle", "recent", "old", "lone", "common middle", "nowhere"):
        for source, since, n in ((None, None, 200), ("wire", None, 50), (None, None, 5),
                                 (None, "2024-01-02T00:00:00Z", 20), ("desk", None, 3)):
            args = {"q": q, "source": source, "since": since, "n": n}
            want = [r["id"] for r in db.execute(plain, args)]
            got = sorted((r["id"] for r in db.execute(fast, args)), reverse=True)
            assert got == want, (q, source, since, n)
    # quotes go the same way, newest first by creation
    article = db.execute("SELECT min(id) AS id FROM articles").fetchone()["id"]
    db.execute("""
        INSERT INTO quotes (article_id, text, created_at)
        SELECT %s, concat_ws(' ', 'We said',
                             CASE WHEN g %% 2 = 0 THEN 'common' END,
                             CASE WHEN g %% 40 = 0 THEN 'middle' END,
                             CASE WHEN g <= 300 THEN 'old' END),
               timestamptz '2024-01-01T00:00:00Z' + g * interval '1 minute'
        FROM generate_series(1, 3000) g""", [article])
    db.execute("ANALYZE quotes")
    for q in ("common", "middle", "old", "nowhere"):
        for n in (200, 5):
            want = [r["id"] for r in db.execute(
                """SELECT id FROM quotes WHERE search @@ websearch_to_tsquery('english', %s)
                   ORDER BY created_at DESC, id DESC LIMIT %s""", [q, n])]
            got = sorted((r["id"] for r in db.execute(
                """SELECT id FROM dossier_newest_quote_matches(
                     websearch_to_tsquery('english', %s), %s)""", [q, n])), reverse=True)
            assert got == want, (q, n)
