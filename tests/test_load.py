"""A bounded load test on loopback: a few thousand requests from 16 threads against gunicorn.
No errors, and afterwards the connection pools are back to idle: no more connections than
workers x pool size, none left `idle in transaction`."""

from __future__ import annotations

import statistics
import threading
import time

import requests

from tests.conftest import LiveServer

THREADS = 16
REQUESTS_PER_THREAD = 200
WORKERS = 2
POOL_MAX = 4
APP_NAME = "dossier-load-test"


def test_load_without_errors_and_pool_back_to_idle(database_url, app, admin_key, db):
    server = LiveServer(database_url, workers=WORKERS, env={
        "DOSSIER_DB_POOL_MAX": str(POOL_MAX), "PGAPPNAME": APP_NAME}).start()
    try:
        seed = requests.Session()
        seed.headers["Authorization"] = f"Bearer {admin_key}"
        for n in range(20):
            response = seed.post(f"{server.url}/v1/articles", timeout=30, json={
                "url": f"https://load.example.com/{n}", "title": f"Summit {n}",
                "body": "Vladimir Putin met Kim Jong Un in Moscow.",
                "published_at": f"2020-01-{n + 1:02d}T00:00:00Z"})
            assert response.status_code == 201
        paths = ["/v1/articles?limit=20", "/v1/articles/{id}", "/v1/articles?q=Putin",
                 "/v1/quotes", "/v1/financial-figures", "/health"]
        latencies: list[float] = []
        failures: list[str] = []
        deadline = time.monotonic() + 120

        def worker(index: int) -> None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {admin_key}"
            for i in range(REQUESTS_PER_THREAD):
                if time.monotonic() > deadline:
                    failures.append("deadline passed")
                    return
                path = paths[(index + i) % len(paths)].replace("{id}", str(i % 20 + 1))
                started = time.monotonic()
                try:
                    response = session.get(server.url + path, timeout=30)
                    if response.status_code != 200:
                        failures.append(f"{path}: {response.status_code}")
                except requests.RequestException as error:
                    failures.append(f"{path}: {error}")
                latencies.append(time.monotonic() - started)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=150)
        elapsed = time.monotonic() - started
        assert not failures, failures[:10]
        assert len(latencies) == THREADS * REQUESTS_PER_THREAD
        quantiles = statistics.quantiles(latencies, n=100)
        print(f"{len(latencies)} requests in {elapsed:.1f}s ({len(latencies) / elapsed:.0f}/s), "
              f"p50 {quantiles[49] * 1000:.1f} ms, p99 {quantiles[98] * 1000:.1f} ms")

        def connections() -> list[dict]:
            return db.execute("SELECT state FROM pg_stat_activity WHERE application_name = %s",
                              (APP_NAME,)).fetchall()

        def idle() -> bool:
            return all(row["state"] == "idle" for row in connections())

        deadline = time.monotonic() + 10
        while not idle() and time.monotonic() < deadline:
            time.sleep(0.2)
        rows = connections()
        assert rows, "the live server's connections are not visible (PGAPPNAME ignored?)"
        assert len(rows) <= WORKERS * POOL_MAX, rows
        assert all(row["state"] == "idle" for row in rows), rows
    finally:
        server.stop()
