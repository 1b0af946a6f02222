"""EXPLAIN (ANALYZE, BUFFERS) of the API's item and list queries on a generated database.

    python -m bench.plans DATABASE_URL docs/query-plans-pg18.md

Each query is the API's own named SQL (sql/queries) with the parameters a request sends
(filters it does not set are NULL); it is run once to warm the cache, and the plan of the
second run is written to a Markdown file.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from api.db import connect_kwargs
from api.queries import load
from bench import dataset

WORD = "injury"
RARE = "rannu"


def cases(articles: int) -> list[tuple[str, str, str, dict]]:
    """(title, query file, query name, parameters) of each query worth a plan."""
    middle = articles // 2
    deep_at = dataset.START_AT + dataset.STEP * middle
    return [
        ("Article by id", "articles", "get_article", {"id": middle}),
        ("Articles, newest first, first page (limit 20)", "articles", "list_articles_newest",
         {"limit": 21}),
        ("Articles, newest first, deep keyset continuation", "articles",
         "list_articles_newest", {"limit": 21, "after_at": deep_at, "after_id": middle}),
        (f"Articles matching a common word (`q={WORD}`), by relevance", "articles",
         "list_articles_relevance", {"q": WORD, "limit": 21}),
        (f"Articles matching a rarer word (`q={RARE}`), by relevance", "articles",
         "list_articles_relevance", {"q": RARE, "limit": 21}),
        (f"Articles matching `q={WORD}`, newest first", "articles", "list_articles_newest",
         {"q": WORD, "limit": 21}),
        (f"Search (`/v1/search?q={WORD}`)", "search", "search",
         {"q": WORD, "want_articles": True, "want_quotes": True, "want_people": True,
          "want_organizations": True, "limit": 21}),
        ("Co-mentions of a person", "people", "person_co_mentions",
         {"person_id": 1234, "limit": 21}),
        ("People by name (`q=`)", "people", "search_people", {"q": "Kalo", "limit": 21}),
        ("Quotes by a speaker, newest first", "quotes", "list_quotes_newest",
         {"speaker_person_id": 1234, "limit": 21}),
        ("Financial figures by value (USD, from a minimum)", "financial_figures",
         "list_figures_value_asc", {"currency": "USD", "min_value": 40_000_000_000,
                                    "limit": 21}),
        ("Articles published in a day", "articles", "list_articles_newest",
         {"published_from": deep_at, "published_to": deep_at + timedelta(days=1),
          "limit": 21}),
    ]


def explain(conn: psycopg.Connection, file: str, name: str, given: dict) -> str:
    query = getattr(load(file), name)
    params = {p: given.get(p) for p in query.parameters}
    sql = "EXPLAIN (ANALYZE, BUFFERS) " + query.sql
    conn.execute(sql, params)
    return "\n".join(row["QUERY PLAN"] for row in conn.execute(sql, params))


def write(url: str, output: Path, articles: int) -> None:
    kwargs = connect_kwargs(15000)
    with psycopg.connect(url, **{**kwargs, "row_factory": dict_row}) as conn:
        version = conn.execute("SHOW server_version").fetchone()["server_version"]
        sections = [
            f"# Query plans on PostgreSQL {version.split()[0]}\n",
            f"EXPLAIN (ANALYZE, BUFFERS) of the API's queries on a generated database of "
            f"{articles:,} articles (`python -m bench.scale`, bench/dataset.py: 5 people from "
            f"a pool of {dataset.PEOPLE:,}, 3 organizations, 2 quotes and 3 figures per "
            "article, ~5 KB bodies), second run of each (warm cache). Regenerate with "
            "`python -m bench.scale --plans <this file>`.\n",
        ]
        for title, file, name, given in cases(articles):
            shown = ", ".join(f"{k}={v}" for k, v in given.items())
            sections.append(f"## {title}\n\n`{file}.{name}` ({shown})\n\n```\n"
                            f"{explain(conn, file, name, given)}\n```\n")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(sections))


def main(argv: list[str] | None = None) -> int:
    url, output = (argv or sys.argv[1:])[:2]
    with psycopg.connect(url) as conn:
        articles = conn.execute("SELECT articles FROM bench_dataset").fetchone()[0]
    write(url, Path(output), articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
