"""Ingest-job benchmark: articles per second through the queue with 1 and 2 worker processes,
against extraction and storage in this process, in the same run; and the queue's own
overhead on empty work.

    python -m bench.jobs [--count 60] [--empty 40] [--database-url URL]

- baseline: this process extracts and stores the generated ~5,000-character articles one
  after the other (what `dossier ingest --workers 1` does per article);
- 1 worker, 2 workers: `dossier worker --concurrency N` (started, and its model loaded,
  before the clock starts) runs one ingest job of the same articles (fresh URLs and bodies);
  the time is from creating the job to its `finished_at`. The ratio to the baseline is the
  figure of merit (on a 2-core machine, 2 workers should reach about 1.7x or more);
- overhead: `--empty` one-article jobs whose article is stored without extraction, posted
  one at a time to an idle worker; enqueue-to-start is `started_at - created_at` of each job
  (median and 90th percentile), and a 200-article job of the same empty work gives the cost
  per item through the queue against storing in-process.

The database is a throw-away embedded PostgreSQL, or --database-url (use an empty one: the
articles it stores stay).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import articles

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 1800


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def start_worker(url: str, concurrency: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "DOSSIER_ACCESS_LOG": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "worker", "--concurrency", str(concurrency)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log_path.open("w"))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if log_path.read_text().count('"event":"worker_started"') >= concurrency:
            return process
        if process.poll() is not None:
            raise RuntimeError(f"worker exited:\n{log_path.read_text()[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError("worker did not start")


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()


def run_job(conn, records: list[dict]) -> dict:
    """Create a job of `records`, wait for it to finish; return its row."""
    from api.ingest_jobs import create_job, get_job

    with conn.transaction():
        job, _ = create_job(conn, records)
    deadline = time.monotonic() + TIMEOUT_SECONDS
    last = -1
    while time.monotonic() < deadline:
        job = get_job(conn, job["id"])
        done = job["counts"]["total"] - job["counts"]["pending"]
        if done != last and done % 10 == 0:
            log(f"    {done}/{job['counts']['total']}")
            last = done
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.1)
    raise RuntimeError(f"job {job['id']} did not finish")


def fresh(records: list[dict], tag: str) -> list[dict]:
    """The same articles with a new URL and body, so that none is a duplicate of a stored one."""
    return [{**r, "url": f"{r['url']}/{tag}", "body": f"{tag}.\n\n{r['body']}"}
            for r in records]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--empty", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)

    import psycopg

    from api import embedded
    from api.db import connect_kwargs
    from api.extraction.model import get_nlp
    from api.ingest import extract_metadata, store_article
    from api.migrations import migrate

    records = [{k: v for k, v in r.items() if k in ("url", "title", "body")}
               for r in articles(args.count)]
    with tempfile.TemporaryDirectory(prefix="dossier-bench-jobs-") as tmp:
        url = args.database_url or embedded.start(tmp, delete_on_exit=True)
        migrate(url)
        results: dict[str, float] = {}
        with psycopg.connect(url, autocommit=True, **connect_kwargs(600_000)) as conn:
            get_nlp()
            extract_metadata(records[0]["body"], "en")  # warm-up
            log(f"baseline: {args.count} articles extracted and stored in this process")
            started = time.perf_counter()
            for record in fresh(records, "inprocess"):
                metadata, version = extract_metadata(record["body"], "en")
                with conn.transaction():
                    store_article(conn, record, metadata, source="extracted",
                                  extractor_version=version)
            results["baseline"] = args.count / (time.perf_counter() - started)

            for workers in (1, 2):
                log(f"{workers} worker process(es): starting")
                process = start_worker(url, workers, Path(tmp) / f"worker-{workers}.log")
                try:
                    job = run_job(conn, [{**r, "extract": True}
                                         for r in fresh(records, f"workers{workers}")])
                finally:
                    stop_worker(process)
                assert job["counts"]["stored"] == args.count, job["counts"]
                shares = conn.execute(
                    "SELECT worker, count(*) AS items FROM ingest_job_items WHERE job_id = %s "
                    "GROUP BY worker ORDER BY worker", (job["id"],)).fetchall()
                log(f"    items per worker process: {shares}")
                seconds = (job["finished_at"] - job["created_at"]).total_seconds()
                results[f"workers{workers}"] = args.count / seconds

            log(f"overhead: {args.empty} one-article jobs of empty work, one at a time")
            tiny = [{"title": f"Empty {i}", "body": f"Nothing happened, {i} times.",
                     "extract": False} for i in range(args.empty + 200)]
            started_inprocess = time.perf_counter()
            for record in tiny[:200]:
                with conn.transaction():
                    store_article(conn, {**record, "body": record["body"] + " (in process)"},
                                  None)
            store_rate = 200 / (time.perf_counter() - started_inprocess)
            process = start_worker(url, 1, Path(tmp) / "worker-empty.log")
            try:
                latencies = []
                for record in tiny[200:]:
                    job = run_job(conn, [record])
                    latencies.append((job["started_at"] - job["created_at"]).total_seconds())
                batch = run_job(conn, [{**r, "body": r["body"] + " (queued)"}
                                       for r in tiny[:200]])
            finally:
                stop_worker(process)
            queue_rate = 200 / (batch["finished_at"] - batch["created_at"]).total_seconds()

    base = results["baseline"]
    latencies.sort()
    p90 = latencies[int(0.9 * (len(latencies) - 1))]
    print("| what | articles/s | ratio to in-process |")
    print("| --- | ---: | ---: |")
    print(f"| in-process extraction + storage (baseline) | {base:.2f} | 1.00 |")
    for workers in (1, 2):
        rate = results[f"workers{workers}"]
        print(f"| queue, {workers} worker process(es) | {rate:.2f} | {rate / base:.2f} |")
    print()
    print("| queue overhead on empty work | value |")
    print("| --- | ---: |")
    print(f"| enqueue to start, median of {len(latencies)} jobs | "
          f"{statistics.median(latencies) * 1000:.1f} ms |")
    print(f"| enqueue to start, 90th percentile | {p90 * 1000:.1f} ms |")
    print(f"| store-only items through the queue (200-item job) | {queue_rate:.1f} items/s |")
    print(f"| store-only in process | {store_rate:.1f} items/s |")
    print(f"| queue cost per item | {(1 / queue_rate - 1 / store_rate) * 1000:.2f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
