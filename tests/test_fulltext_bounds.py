"""Full-text queries are bounded: a query of many terms is a 422 naming `q` (ranking costs
grow with the square of the terms for every matching row), a query at the bound answers on a
seeded table of 20,000 articles within a tight statement timeout."""

from __future__ import annotations

import pytest
import requests

from api import create_app
from api.fulltext import MAX_QUERY_TERMS, query_terms

SEEDED = 20_000
# 66 common words: before the bound, two of these at once stalled the service.
COMMON_TEXT = (
    "the government said on monday that the economy would grow faster than expected this year "
    "while the central bank kept its interest rate unchanged and officials warned about "
    "inflation market report number people country week minister president company share "
    "price growth told reporters news time world state city home business million percent "
    "according police health support plan public workers national first group local court "
    "election party"
)
COMMON_WORDS = COMMON_TEXT.split(" ")


@pytest.fixture
def seeded(app, db):
    """20,000 articles that all contain the same ten common words (server-side, one
    statement)."""
    db.execute("""
        INSERT INTO articles (url, title, body, source, published_at)
        SELECT 'https://example.com/seed/' || g, 'Market report ' || g,
               'The government said the economy would grow while the central bank kept its '
               || 'interest rate unchanged and officials warned about inflation. Item ' || g,
               'seed', now() - make_interval(mins => g)
        FROM generate_series(1, %s) AS g""", [SEEDED])
    db.execute("ANALYZE articles")
    return SEEDED


def test_query_terms_are_counted_after_parsing(db):
    assert query_terms(db, "the state of the union") == 2  # stop words are not terms
    assert query_terms(db, '"north korea" -missile or test') == 4
    assert query_terms(db, " ".join(COMMON_WORDS)) > MAX_QUERY_TERMS


def test_sixty_six_word_query_is_422_naming_q(live_server, seeded, admin_key):
    assert len(COMMON_WORDS) == 66
    headers = {"Authorization": f"Bearer {admin_key}"}
    for url, extra in (("/v1/articles", {}), ("/v1/articles", {"sort": "-published_at"}),
                       ("/v1/quotes", {}), ("/v1/search", {})):
        response = requests.get(f"{live_server.url}{url}", timeout=30, headers=headers,
                                params={"q": " ".join(COMMON_WORDS), **extra})
        assert response.status_code == 422, (url, response.text)
        assert response.headers["Content-Type"] == "application/problem+json"
        assert list(response.json()["errors"]) == ["q"]
    # the service keeps answering
    assert requests.get(f"{live_server.url}/health", timeout=5).status_code == 200


def test_query_at_the_bound_answers_within_a_tight_statement_timeout(database_url, seeded,
                                                                     admin_key):
    """Ten terms that every one of the 20,000 articles matches, ranked: it answers under a
    2-second statement timeout (a statement over it would be a 503)."""
    words = "government economy grow central bank interest rate officials warned inflation"
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
                      "RATE_LIMIT_ENABLED": False, "DB_POOL_MIN": 0,
                      "DB_STATEMENT_TIMEOUT_MS": 2000})
    try:
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {admin_key}"
        for sort in ("relevance", "-published_at"):
            response = client.get("/v1/articles", query_string={"q": words, "sort": sort})
            assert response.status_code == 200, response.json
            assert len(response.json["data"]) == 20 and response.json["has_more"]
    finally:
        app.extensions["dossier.db"].close()
