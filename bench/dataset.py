"""A generated Dossier database of any size, built on the server (generate_series), with progress.

    python -m bench.dataset --articles 1000000 [--database-url URL | --embedded DIR]

Each article has a ~5 KB body of ten paragraphs drawn from a fixed pool of paragraphs written
from a word list with a Zipf distribution (so full-text search has common and rare words),
5 people mentioned from a pool of 50,000, 3 organizations from a pool of 5,000, 2 quotes and
3 financial figures. Articles are stored in publication order (ingestion order), as a news
archive grows. The pools are deterministic; the same size gives the same data.

The database is named `<prefix>_<articles>` on the server and is reused when it is complete
(a finished build records itself in `bench_dataset`); an unfinished one is dropped and built
again. Secondary indexes are dropped during the load and rebuilt afterwards, and foreign-key
triggers are skipped (`session_replication_role = replica`): the data is consistent by
construction. Needs a superuser role (the local server's `postgres`, or the embedded one).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import psycopg

PEOPLE = 50_000
ORGANIZATIONS = 5_000
PARAGRAPHS = 5_000
PARAGRAPHS_PER_BODY = 10
PEOPLE_PER_ARTICLE = 5
ORGS_PER_ARTICLE = 3
BATCH = 20_000
# Article n is published at START_AT + n * STEP (ingestion order is publication order).
START_AT = datetime(2016, 1, 1, tzinfo=UTC)
STEP = timedelta(minutes=4)

# Common words of news writing, most frequent first; a long tail of invented words follows.
WORDS = """
said year government people new percent time market million state first company
week president minister city country report last public police court business
group plan two billion months police officials national health deal party world
economy bank prices energy budget tax workers rate growth according told three
former local support since found including million security data months program
water children school companies investors trade election house workers costs
policy figures money price percent industry service federal chief news shares
sector force power plant project region border talks agreement rates inflation
council funding system spending leaders officials analysts markets demand supply
central union office agency board members study research results quarter profit
revenue sales billion record increase decline rise fall interest debt loan
lending capital fund investment assets banking financial stock exchange index
oil gas coal climate emissions carbon electricity grid solar wind nuclear fuel
transport rail airport port shipping freight road traffic housing rent homes
construction property land farmers crops food hospital doctors patients care
drug vaccine disease virus cases tests trial treatment university students
teachers education science technology software internet phone network digital
online platform users privacy law rules regulators lawsuit judge ruling appeal
prison crime victims attack army military troops defence war peace ceasefire
talks summit treaty sanctions exports imports tariffs currency dollar euro yen
pound ministry parliament senate congress vote voters campaign candidate poll
opposition coalition reform protest strike wages jobs unemployment pension
retirement families income poverty welfare benefits insurance claims weather
storm flood drought fire heat winter summer spring autumn river coast island
mountain forest village town capital streets residents community church museum
film music festival book author artist award season team players coach match
league championship goal victory defeat fans stadium contract transfer injury
""".split()  # noqa: SIM905 - a word list reads better as text

SYLLABLES = ["ka", "lo", "mi", "ran", "te", "vo", "sel", "dar", "pi", "nu", "gor", "fen",
             "ab", "zu", "ver", "mon", "ti", "qua", "bel", "ros", "han", "lek", "sim", "tor"]
FIRST = ["Maria", "James", "Aiko", "Rahul", "Sofia", "Olu", "Lena", "Carlos", "Mei", "Tomas",
         "Amira", "Pierre", "Ingrid", "Kwame", "Elena", "Hiroshi", "Zoe", "Jose", "Priya",
         "Noah", "Fatima", "Liam", "Chen", "Anna", "David", "Sara", "Omar", "Nina", "Ivan",
         "Grace", "Yusuf", "Clara", "Mateo", "Leila", "Hugo", "Ines", "Kofi", "Maya", "Arjun",
         "Eva", "Luca", "Hana", "Samuel", "Rosa", "Felix", "Aisha", "Diego", "Mila", "Tariq",
         "Julia"]
KINDS = ["government", "company", "university", "think tank", "military", "media", "other"]
ORG_SUFFIX = ["Group", "Bank", "Ministry", "University", "Institute", "Holdings", "Agency",
              "Council", "Partners", "Energy"]


def vocabulary() -> list[str]:
    """The word list followed by invented words, most frequent first."""
    rng = random.Random(7)
    tail = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(6000)}
    return WORDS + sorted(tail - set(WORDS))


def paragraphs(count: int = PARAGRAPHS) -> list[str]:
    """`count` paragraphs of about 500 characters, words drawn with Zipf weights."""
    rng = random.Random(11)
    words = vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(words))]
    out = []
    for _ in range(count):
        sentences, size = [], 0
        while size < 500:
            sentence = " ".join(rng.choices(words, weights, k=rng.randint(8, 18)))
            sentence = sentence[0].upper() + sentence[1:] + "."
            sentences.append(sentence)
            size += len(sentence) + 1
        out.append(" ".join(sentences))
    return out


def surnames(count: int) -> list[str]:
    rng = random.Random(13)
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
    return sorted(names)


def _database_url(server_url: str, name: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def is_complete(url: str, articles: int) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute(
                "SELECT articles FROM bench_dataset WHERE complete").fetchone()
            return row is not None and row[0] == articles
    except psycopg.Error:
        return False


def ensure(server_url: str, articles: int, prefix: str = "dossier_bench") -> str:
    """The URL of a complete generated database of `articles` articles (built if missing)."""
    name = f"{prefix}_{articles}"
    url = _database_url(server_url, name)
    if is_complete(url, articles):
        _log(f"dataset: reusing {name} ({articles:,} articles)")
        return url
    with psycopg.connect(_database_url(server_url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    from api.migrations import migrate

    migrate(url)
    build(url, articles)
    return url


def _secondary_indexes(conn: psycopg.Connection, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of `tables` that back no constraint."""
    return conn.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [list(tables)],
    ).fetchall()


def build(url: str, articles: int) -> None:
    """Fill an empty migrated database with `articles` generated articles."""
    started = time.monotonic()
    tables = ("articles", "mentions", "quotes", "financial_figures")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("SET synchronous_commit = off")
        conn.execute("CREATE TABLE bench_dataset (articles bigint, complete boolean)")
        conn.execute("CREATE TABLE bench_paragraphs (i int PRIMARY KEY, text text NOT NULL)")
        with conn.cursor().copy("COPY bench_paragraphs (i, text) FROM STDIN") as copy:
            for i, text in enumerate(paragraphs()):
                copy.write_row((i, text))
        first = FIRST
        last = surnames(PEOPLE // len(FIRST))
        conn.execute(
            """INSERT INTO people (id, name, description) OVERRIDING SYSTEM VALUE
               SELECT g, (%(first)s::text[])[1 + (g - 1) %% %(nf)s] || ' '
                         || (%(last)s::text[])[1 + (g - 1) / %(nf)s],
                      'Generated person ' || g
               FROM generate_series(1, %(n)s) g""",
            {"first": first, "last": last, "nf": len(first), "n": PEOPLE})
        conn.execute(
            """INSERT INTO organizations (id, name, kind) OVERRIDING SYSTEM VALUE
               SELECT g, initcap(p.w) || ' ' || (%(suffix)s::text[])[1 + g %% %(ns)s]
                         || ' ' || g,
                      (%(kinds)s::text[])[1 + g %% %(nk)s]
               FROM generate_series(1, %(n)s) g
               JOIN LATERAL (SELECT (%(words)s::text[])[1 + g %% %(nw)s] AS w) p ON true""",
            {"suffix": ORG_SUFFIX, "ns": len(ORG_SUFFIX), "kinds": KINDS, "nk": len(KINDS),
             "words": WORDS, "nw": len(WORDS), "n": ORGANIZATIONS})
        dropped = _secondary_indexes(conn, tables)
        for name, _ in dropped:
            conn.execute(f"DROP INDEX {name}")
        _log(f"dataset: pools ready; {len(dropped)} secondary indexes dropped for the load")
        for lo in range(1, articles + 1, BATCH):
            hi = min(lo + BATCH - 1, articles)
            _load_batch(conn, lo, hi)
            done = hi
            elapsed = time.monotonic() - started
            eta = elapsed / done * (articles - done)
            _log(f"dataset: {done:,}/{articles:,} articles  {elapsed:6.0f}s  eta {eta:5.0f}s")
        for table in ("articles", "people", "organizations", "mentions", "quotes",
                      "financial_figures"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))")
        for name, definition in dropped:
            t0 = time.monotonic()
            conn.execute(definition)
            _log(f"dataset: index {name} rebuilt in {time.monotonic() - t0:.0f}s")
        conn.execute("DROP TABLE bench_paragraphs")
        t0 = time.monotonic()
        # The visibility map (index-only scans) and statistics; TOAST tables hold no dead rows.
        conn.execute("VACUUM (ANALYZE, PROCESS_TOAST false)")
        _log(f"dataset: vacuum analyze {time.monotonic() - t0:.0f}s")
        conn.execute("INSERT INTO bench_dataset VALUES (%s, true)", [articles])
    _log(f"dataset: {articles:,} articles built in {time.monotonic() - started:.0f}s")


def _load_batch(conn: psycopg.Connection, lo: int, hi: int) -> None:
    """Articles lo..hi with their mentions, quotes and figures, in one transaction."""
    params = {"lo": lo, "hi": hi, "np": PARAGRAPHS, "pp": PEOPLE, "no": ORGANIZATIONS,
              "k": PARAGRAPHS_PER_BODY, "start": START_AT, "step": STEP}
    with conn.transaction():
        conn.execute(
            """INSERT INTO articles (id, url, title, body, source, published_at, created_at,
                                     extractor_version, extracted_at)
               OVERRIDING SYSTEM VALUE
               SELECT g, 'https://bench.example/' || g,
                      initcap(split_part(b.body, '.', 1)) || ' (' || g || ')',
                      b.body, (ARRAY['Bench Wire', 'Daily Bench', 'Bench Times'])[1 + g %% 3],
                      t.at, t.at, 'bench', t.at
               FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g
               CROSS JOIN LATERAL (SELECT %(start)s::timestamptz
                                          + g * %(step)s::interval AS at) t
               CROSS JOIN LATERAL (
                 SELECT string_agg(p.text, E'\\n\\n' ORDER BY k.k) AS body
                 FROM generate_series(1, %(k)s) k(k)
                 JOIN bench_paragraphs p
                   ON p.i = (hashint8(g * 16 + k.k) & 2147483647) %% %(np)s
               ) b""", params)
        conn.execute(
            """INSERT INTO mentions (article_id, person_id, organization_id, start, "end", text,
                                     source)
               SELECT g, CASE WHEN k < 5 THEN 1 + (hashint8(g * 8 + k) & 2147483647) %% %(pp)s END,
                      CASE WHEN k >= 5 THEN 1 + (hashint8(g * 8 + k) & 2147483647) %% %(no)s END,
                      k * 500, k * 500 + 12, 'Name ' || k, 'extracted'
               FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g,
                    generate_series(0, 7) k""", params)
        conn.execute(
            """INSERT INTO quotes (article_id, speaker_person_id, text, verb, start, "end",
                                   method, confidence, source, created_at, updated_at)
               SELECT a.id, 1 + (hashint8(a.id * 8 + k) & 2147483647) %% %(pp)s,
                      substr(a.body, 100 + k * 1000, 160), 'said',
                      100 + k * 1000, 260 + k * 1000, 'bench', 0.9, 'extracted',
                      a.created_at, a.created_at
               FROM articles a, generate_series(0, 1) k
               WHERE a.id BETWEEN %(lo)s AND %(hi)s""", params)
        conn.execute(
            """INSERT INTO financial_figures (article_id, kind, value, currency, text, start,
                                              "end", method, confidence, source, created_at,
                                              updated_at)
               SELECT g, CASE WHEN k < 2 THEN 'money' ELSE 'percent' END,
                      CASE WHEN k < 2
                           THEN (1 + (hashint8(g * 4 + k) & 2147483647) %% 90000)::numeric
                                * 1000000
                           ELSE (hashint8(g * 4 + k) & 2147483647) %% 1000 / 10.0 END,
                      CASE WHEN k < 2 THEN (ARRAY['USD', 'EUR', 'GBP'])[1 + (g + k) %% 3] END,
                      'figure ' || k, 4000 + k * 100, 4010 + k * 100, 'bench', 0.9,
                      'extracted', t.at, t.at
               FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g
               CROSS JOIN LATERAL (SELECT %(start)s::timestamptz
                                          + g * %(step)s::interval AS at) t,
                    generate_series(0, 2) k""", params)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--database-url", help="a server URL (its database name is replaced)")
    where.add_argument("--embedded", help="data folder of an embedded PostgreSQL")
    parser.add_argument("--prefix", default="dossier_bench", help="database name prefix")
    args = parser.parse_args(argv)
    if args.embedded:
        from api import embedded

        server_url = embedded.start(args.embedded)
    else:
        server_url = args.database_url
    print(ensure(server_url, args.articles, args.prefix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
