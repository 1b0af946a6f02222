"""HTTP benchmark on loopback: does the cost of a page grow with its depth?

    python -m bench.load [--articles 20000] [--requests 200]

Seeds a throw-away embedded PostgreSQL with generated articles (COPY), serves the API with
gunicorn on a free loopback port, and times requests from one client thread: `/health` is
the baseline; list pages are reported as a ratio to it, and the deepest page as a ratio to
the first one (keyset pagination: it should stay near 1). Bounded: a fixed number of
requests, each with a timeout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import requests

from bench.generate import article
from bench.serving import free_port


def _median_ms(session: requests.Session, url: str, count: int) -> float:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = session.get(url, timeout=30)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return statistics.median(timings)


def seed(url: str, count: int) -> None:
    import psycopg

    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy("COPY articles (url, title, body, source, published_at) FROM STDIN") as copy:
            for i in range(count):
                record = article(i, size=400)
                copy.write_row((record["url"], record["title"], record["body"],
                                record["source"], record["published_at"]))
                if (i + 1) % 5000 == 0 or i + 1 == count:
                    print(f"\rseeded {i + 1}/{count} articles", end="", file=sys.stderr)
        print(file=sys.stderr)
        cur.execute("ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--depth", type=int, default=100, help="Deepest page (limit=100).")
    args = parser.parse_args(argv)

    from api import embedded
    from api.migrations import migrate

    with tempfile.TemporaryDirectory(prefix="dossier-load-") as tmp:
        url = embedded.start(tmp, delete_on_exit=True)
        migrate(url)
        seed(url, args.articles)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "DOSSIER_PUBLIC_READ": "true",
               "DOSSIER_RATE_LIMIT": "1000000 per minute"}
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "api.wsgi:app"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            session = requests.Session()
            for _ in range(100):
                try:
                    if session.get(f"{base}/health", timeout=1).ok:
                        break
                except requests.ConnectionError:
                    time.sleep(0.2)
            cursors = [None]
            for _ in range(args.depth - 1):
                body = session.get(f"{base}/v1/articles", timeout=30, params={
                    "limit": 100, **({"cursor": cursors[-1]} if cursors[-1] else {})}).json()
                cursors.append(body["next_cursor"])
            first = f"{base}/v1/articles?limit=100"
            deep = f"{base}/v1/articles?limit=100&cursor={cursors[-1]}"
            results = {
                "/health (baseline)": _median_ms(session, f"{base}/health", args.requests),
                "articles page 1 (limit=100)": _median_ms(session, first, args.requests),
                f"articles page {args.depth} (limit=100)": _median_ms(session, deep,
                                                                      args.requests),
                "articles q=budget page 1": _median_ms(
                    session, f"{base}/v1/articles?q=budget&sort=-published_at&limit=100",
                    args.requests),
            }
        finally:
            server.terminate()
            server.wait(15)
    baseline = results["/health (baseline)"]
    print(f"\n{args.articles} articles; median of {args.requests} requests each")
    print(f"{'request':<36}{'median ms':>10}{'x health':>10}")
    for name, value in results.items():
        print(f"{name:<36}{value:>10.2f}{value / baseline:>10.2f}")
    deepest = results[f"articles page {args.depth} (limit=100)"]
    page_one = results["articles page 1 (limit=100)"]
    ratio = deepest / page_one
    print(f"page {args.depth} / page 1 = {ratio:.2f} (1.0 = cost independent of depth)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
