"""Concurrent writers on a real gunicorn server: of 20 PATCHes with the same If-Match exactly
one wins (no lost update); of 20 POSTs of the same URL exactly one creates."""

from __future__ import annotations

import threading

import requests

PARALLEL = 20


def run_parallel(target, count: int) -> list:
    """Start `count` threads that call `target(i)` at the same moment; their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(i: int) -> None:
        barrier.wait(timeout=30)
        results[i] = target(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_parallel_patches_with_same_etag_exactly_one_wins(live_server, admin_key):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {admin_key}"
    created = session.post(f"{live_server.url}/v1/articles", timeout=30, json={
        "url": "https://example.com/concurrency/1", "title": "Original", "body": "Text."})
    assert created.status_code == 201, created.text
    url = live_server.url + created.headers["Location"]
    etag = session.get(url, timeout=30).headers["ETag"]

    def patch(i: int) -> tuple[int, str]:
        response = requests.patch(url, json={"title": f"Title {i}"}, timeout=60, headers={
            "If-Match": etag, "Authorization": f"Bearer {admin_key}"})
        return response.status_code, response.headers.get("ETag", "")

    results = run_parallel(patch, PARALLEL)
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [412] * (PARALLEL - 1), statuses
    winner = next(i for i, (status, _) in enumerate(results) if status == 200)
    final = session.get(url, timeout=30)
    assert final.json()["title"] == f"Title {winner}"
    assert final.headers["ETag"] == results[winner][1]


def test_parallel_creates_of_one_url_make_one_article(live_server, admin_key, db):
    def post(i: int) -> int:
        return requests.post(f"{live_server.url}/v1/articles", timeout=60, json={
            "url": "https://example.com/concurrency/same", "title": f"T{i}", "body": "Text."},
            headers={"Authorization": f"Bearer {admin_key}"}).status_code

    statuses = sorted(run_parallel(post, PARALLEL))
    assert statuses == [201] + [409] * (PARALLEL - 1), statuses
    assert db.execute("SELECT count(*) FROM articles").fetchone()["count"] == 1
