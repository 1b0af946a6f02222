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


ROUNDS = 3


def test_parallel_articles_naming_one_new_person_make_one_record(live_server, admin_key, db):
    """20 concurrent ingests naming the same new person and organization (in varying order,
    with aliases) create each of them once; the matching is race-free."""
    for round_ in range(ROUNDS):
        person, alias, other = f"Zora Quill {round_}", f"Z. Quill {round_}", f"Ivo Brand {round_}"
        org = f"Quillfeather Holdings {round_}"
        body = f"{person} met {other} at {org}."

        def post(i: int, round_: int = round_, person: str = person, alias: str = alias,
                 other: str = other, org: str = org, body: str = body) -> int:
            people = [{"name": person, "aliases": [alias]}, {"name": other}]
            if i % 2:
                people.reverse()  # another order of the same names: no deadlock either
            return requests.post(f"{live_server.url}/v1/articles", timeout=60, json={
                "url": f"https://example.com/names/{round_}/{i}", "title": f"T{i}",
                "body": body, "metadata": {"people": people, "organizations": [{"name": org}]},
            }, headers={"Authorization": f"Bearer {admin_key}"}).status_code

        statuses = run_parallel(post, PARALLEL)
        assert statuses == [201] * PARALLEL, statuses
        for table, name in (("people", person), ("people", alias), ("people", other),
                            ("organizations", org)):
            count = db.execute(
                f"SELECT count(*) FROM {table} WHERE norm_names @> ARRAY[dossier_norm(%s)]",
                [name]).fetchone()["count"]
            assert count == 1, (round_, table, name, count)
