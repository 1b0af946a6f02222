"""Ingest benchmark: articles per second on one core, for extraction alone and for
extraction plus storage, on generated ~5,000-character articles.

    python -m bench.ingest [--count 40]

The baseline, measured in the same run, is spaCy's own pipeline pass over the same texts
(what any extractor built on it pays at least); results are printed as ratios to it, and
storage as a ratio to extraction alone. The database is a throw-away embedded PostgreSQL
(or --database-url, whose tables are NOT truncated: use an empty database).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from bench.generate import articles


def _rate(label: str, count: int, run: Callable[[], None], repeat: int) -> float:
    timings = []
    for attempt in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
        print(f"  {label}: run {attempt + 1}/{repeat} {count / timings[-1]:.2f} articles/s",
              file=sys.stderr)
    return count / statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)

    import psycopg

    from api import embedded
    from api.db import connect_kwargs
    from api.extraction import extract
    from api.extraction.model import get_nlp
    from api.ingest import metadata_from_extraction, store_article
    from api.migrations import migrate

    records = list(articles(args.count))
    mean_chars = statistics.mean(len(r["body"]) for r in records)
    started = time.perf_counter()
    nlp = get_nlp()
    print(f"model load: {time.perf_counter() - started:.2f}s; {args.count} articles of "
          f"{mean_chars:.0f} characters on average", file=sys.stderr)
    texts = [r["body"] for r in records]
    extract(texts[0])  # warm-up

    baseline = _rate("spaCy pipeline pass (baseline)", args.count,
                     lambda: [nlp(t) for t in texts], args.repeat)
    extraction = _rate("extraction", args.count, lambda: [extract(t) for t in texts], args.repeat)

    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        url = args.database_url or embedded.start(tmp, delete_on_exit=True)
        migrate(url)
        with psycopg.connect(url, **connect_kwargs(600_000)) as conn:
            round_ = iter(range(args.repeat))

            def extract_and_store() -> None:
                suffix = next(round_)
                for record in records:
                    record = {**record, "url": f"{record['url']}/{suffix}"}
                    metadata = metadata_from_extraction(extract(record["body"]))
                    with conn.transaction():
                        store_article(conn, record, metadata, source="extracted",
                                      extractor_version="bench")

            stored = _rate("extraction + storage", args.count, extract_and_store, args.repeat)

    print()
    print(f"{'measure':<34}{'articles/s/core':>16}{'ratio':>10}")
    print(f"{'spaCy pipeline pass (baseline)':<34}{baseline:>16.2f}{1:>10.2f}")
    print(f"{'extraction':<34}{extraction:>16.2f}{extraction / baseline:>10.2f}")
    print(f"{'extraction + storage':<34}{stored:>16.2f}{stored / baseline:>10.2f}")
    print(f"storage overhead: extraction + storage runs at {stored / extraction:.2f}x "
          "the rate of extraction alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
