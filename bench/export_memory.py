"""Peak memory of the NDJSON export: does it stay flat as the number of rows grows?

    python -m bench.export_memory [--rows 1000 10000 50000]

Seeds a throw-away embedded PostgreSQL with generated quotes (COPY), then for each row
count serves the API with gunicorn (one sync worker, on a free loopback port), warms the
worker up with paged requests (`/v1/quotes?limit=100`, the baseline), reads its peak
resident memory (VmHWM in /proc), streams `GET /v1/quotes?format=ndjson` over that many
quotes and reads the peak again. It prints the peaks and their ratio to the baseline: a
streamed export through a server-side cursor keeps the ratio near 1 whatever the rows.
Linux only (/proc). Bounded: one export per row count, each request with a timeout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.serving import free_port

QUOTES_PER_ARTICLE = 1000



def seed(url: str, quotes: int) -> None:
    """`quotes` quotes of ~200 characters, QUOTES_PER_ARTICLE per article."""
    import psycopg

    articles = -(-quotes // QUOTES_PER_ARTICLE)
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO articles (title, body) SELECT 'Article ' || i, "
                    "repeat('Words of the article. ', 50) || i FROM generate_series(1, %s) i",
                    (articles,))
        ids = [row[0] for row in cur.execute("SELECT id FROM articles ORDER BY id")]
        with cur.copy("COPY quotes (article_id, speaker_name, text, verb) FROM STDIN") as copy:
            for i in range(quotes):
                copy.write_row((ids[i // QUOTES_PER_ARTICLE], f"Speaker {i % 97}",
                                f"Quote number {i}: " + "the debt will be repaid in full. " * 6,
                                "said"))
                if (i + 1) % 10000 == 0 or i + 1 == quotes:
                    print(f"\rseeded {i + 1}/{quotes} quotes", end="", file=sys.stderr)
        print(file=sys.stderr)
        cur.execute("ANALYZE")


def peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def measure(url: str, rows: int) -> dict[str, float]:
    """Baseline and export peaks (MiB) of a fresh worker exporting all `rows` quotes."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DOSSIER_PUBLIC_READ": "true",
           "DOSSIER_RATE_LIMIT_ENABLED": "false", "DOSSIER_ACCESS_LOG": "false"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--timeout", "120", "api.wsgi:app"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        session = requests.Session()
        for _ in range(150):
            try:
                if session.get(f"{base}/health", timeout=5).ok:
                    break
            except requests.RequestException:  # refused, or the worker still booting
                time.sleep(0.2)
        worker = worker_pid(server.pid)
        cursor = None
        for _ in range(20):  # the baseline: paged requests of the same list
            page = session.get(f"{base}/v1/quotes", timeout=60, params={
                "limit": 100, **({"cursor": cursor} if cursor else {})}).json()
            cursor = page["next_cursor"] or None
        baseline = peak_rss_kb(worker)
        lines = size = 0
        started = time.perf_counter()
        with session.get(f"{base}/v1/quotes", params={"format": "ndjson"}, stream=True,
                         timeout=300) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                lines += 1
                size += len(line) + 1
        seconds = time.perf_counter() - started
        export = peak_rss_kb(worker)
    finally:
        server.terminate()
        server.wait(15)
    return {"rows": rows, "all_rows": lines, "baseline": baseline / 1024,
            "export": export / 1024, "mib_out": size / 2**20, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args(argv)

    import psycopg

    from api import embedded
    from api.migrations import migrate

    results = []
    with tempfile.TemporaryDirectory(prefix="dossier-export-") as tmp:
        url = embedded.start(tmp, delete_on_exit=True)
        migrate(url)
        for rows in sorted(args.rows):
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("TRUNCATE articles RESTART IDENTITY CASCADE")
            seed(url, rows)
            print(f"measuring the export of {rows} quotes", file=sys.stderr)
            results.append(measure(url, rows))
    print(f"\n{'quotes':>8}{'exported':>10}{'NDJSON MiB':>12}{'baseline MiB':>14}"
          f"{'export MiB':>12}{'x baseline':>12}")
    for r in results:
        print(f"{r['rows']:>8}{r['all_rows']:>10}{r['mib_out']:>12.1f}{r['baseline']:>14.1f}"
              f"{r['export']:>12.1f}{r['export'] / r['baseline']:>12.2f}")
    first, last = results[0], results[-1]
    print(f"peak RSS growth from {first['rows']} to {last['rows']} quotes: "
          f"{last['export'] - last['baseline']:.1f} MiB over baseline at {last['rows']} vs "
          f"{first['export'] - first['baseline']:.1f} MiB at {first['rows']} "
          "(flat = constant memory)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
