"""Ingest jobs end to end: HTTP (gunicorn), the queue, and real `dossier worker` processes.

Workers run as subprocesses against the test database with short heartbeats, so that a
killed worker's range is retried within seconds. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from api.db import connect_kwargs
from tests.conftest import ROOT

SAMPLE = (ROOT / "devset" / "russia-north-korea.txt").read_text(encoding="utf-8")
WORKER_ENV = {"DOSSIER_WORKER_HEARTBEAT_SECONDS": "1", "DOSSIER_WORKER_STALLED_SECONDS": "3",
              "DOSSIER_STALLED_CHECK_SECONDS": "1", "DOSSIER_ACCESS_LOG": "false"}
WAIT_SECONDS = 240


def article(i: int, *, long: bool = False) -> dict:
    body = (f"Vladimir Putin met Kim Jong Un in Moscow on day {i}. “We agree,” said Putin. "
            f"Trade rose {i % 90 + 1}% to $3 billion.")
    if long:
        body = f"Dispatch {i}.\n\n{SAMPLE}"
    return {"title": f"Summit {i}", "body": body, "url": f"https://news.example.com/a/{i}"}


class Worker:
    """`dossier worker` in a subprocess, its log in a file."""

    def __init__(self, database_url: str, concurrency: int = 1) -> None:
        self.log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - lives with the worker
            prefix="dossier-worker-", suffix=".log")
        env = {**os.environ, **WORKER_ENV, "DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--concurrency", str(concurrency)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log_file,
        )

    def log(self) -> str:
        return Path(self.log_file.name).read_text(encoding="utf-8", errors="replace")

    def wait_started(self) -> Worker:
        wait_for(lambda: '"event":"worker_started"' in self.log(), "the worker to start",
                 self)
        return self

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def wait_for(condition: Callable[[], object], what: str, *workers: Worker,
             timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    logs = "\n".join(w.log()[-2000:] for w in workers)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


@pytest.fixture
def workers(app, database_url: str) -> Iterator[Callable[..., Worker]]:
    """`workers()` starts a worker process; all are stopped after the test."""
    started: list[Worker] = []

    def start(concurrency: int = 1) -> Worker:
        worker = Worker(database_url, concurrency)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def http(live_server, make_key) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {make_key('write')}"
    session.base = live_server.url  # type: ignore[attr-defined]
    return session


def job_of(http: requests.Session, location: str) -> dict:
    response = http.get(http.base + location, timeout=10)  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    return response.json()


def wait_finished(http: requests.Session, location: str, *workers: Worker) -> dict:
    return wait_for(
        lambda: (lambda j: j if j["status"] not in ("queued", "running") else None)(
            job_of(http, location)), f"job {location} to finish", *workers)


def post_job(http: requests.Session, articles: list, **headers) -> requests.Response:
    response = http.post(http.base + "/v1/ingest-jobs",  # type: ignore[attr-defined]
                         json={"articles": articles}, headers=headers, timeout=30)
    assert response.status_code == 202, response.text
    return response


def test_a_batch_with_one_invalid_article_stores_the_others_with_extraction(http, db, workers):
    batch = [article(i) for i in range(20)]
    del batch[13]["title"]
    response = post_job(http, batch)
    location = response.headers["Location"]
    assert location == f"/v1/ingest-jobs/{response.json()['id']}"
    assert response.json()["status"] == "queued"
    worker = workers().wait_started()
    job = wait_finished(http, location, worker)
    assert job["status"] == "done"
    assert job["counts"] == {"total": 20, "stored": 19, "skipped": 0, "failed": 1,
                             "cancelled": 0, "pending": 0}
    assert job["errors"] == [{"index": 13, "field": "title",
                              "message": "Missing data for required field."}]
    assert job["started_at"] and job["finished_at"] and job["duration_ms"] >= 0
    assert job["extractor_version"]
    rows = db.execute("SELECT title, extractor_version, "
                      "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions "
                      "FROM articles a ORDER BY id").fetchall()
    assert sorted(r["title"] for r in rows) == sorted(f"Summit {i}" for i in range(20)
                                                      if i != 13)
    assert all(r["extractor_version"] == job["extractor_version"] for r in rows)
    assert all(r["mentions"] > 0 for r in rows)  # extraction found Putin and Kim
    assert '"event":"ingest_job_finished"' in worker.log()  # its duration, in the JSON log
    finished = next(json.loads(line) for line in worker.log().splitlines()
                    if '"ingest_job_finished"' in line)
    assert finished["job_id"] == job["id"] and finished["duration_ms"] >= 0


def test_the_same_idempotency_key_twice_gives_one_job(client, db):
    batch = [article(i) for i in range(7)]
    first = client.post("/v1/ingest-jobs", json={"articles": batch},
                        headers={"Idempotency-Key": "batch-2026-12-02"})
    second = client.post("/v1/ingest-jobs", json={"articles": batch},
                         headers={"Idempotency-Key": "batch-2026-12-02"})
    assert first.status_code == second.status_code == 202
    assert first.json["id"] == second.json["id"]
    assert first.headers["Location"] == second.headers["Location"]
    assert db.execute("SELECT count(*) FROM ingest_jobs").fetchone()["count"] == 1
    assert db.execute("SELECT count(*) FROM ingest_job_items").fetchone()["count"] == 7
    # 7 items in ranges of 5: two queue jobs, not four
    assert db.execute("SELECT count(*) FROM procrastinate_jobs "
                      "WHERE task_name = 'dossier.process_items'").fetchone()["count"] == 2
    other = client.post("/v1/ingest-jobs", json={"articles": batch[:3]},
                        headers={"Idempotency-Key": "batch-2026-12-02"})
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json["errors"]
    assert db.execute("SELECT count(*) FROM ingest_jobs").fetchone()["count"] == 1


def test_a_worker_killed_mid_job_loses_nothing_and_stores_each_article_once(http, db,
                                                                           workers):
    batch = [article(i, long=True) for i in range(40)]
    location = post_job(http, batch).headers["Location"]
    first = workers().wait_started()
    wait_for(lambda: 0 < job_of(http, location)["counts"]["stored"] < 30,
             "the first worker to store some articles", first)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(30)
    assert job_of(http, location)["counts"]["pending"] > 0
    second = workers().wait_started()
    job = wait_finished(http, location, second)
    assert job["status"] == "done"
    assert job["counts"]["stored"] == 40 and job["counts"]["failed"] == 0
    per_url = db.execute("SELECT url, count(*) FROM articles GROUP BY url").fetchall()
    assert len(per_url) == 40 and all(r["count"] == 1 for r in per_url)
    items = db.execute("SELECT status, count(*) FROM ingest_job_items GROUP BY status")
    assert {r["status"]: r["count"] for r in items} == {"stored": 40}
    assert "queue_stalled_job_retried" in second.log()


def test_sigterm_finishes_the_current_item_and_hands_the_rest_back(http, db, workers):
    batch = [article(i, long=True) for i in range(40)]
    location = post_job(http, batch).headers["Location"]
    first = workers().wait_started()
    wait_for(lambda: job_of(http, location)["counts"]["stored"] > 0,
             "the worker to store an article", first)
    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(120) == 0
    job = job_of(http, location)
    assert job["counts"]["pending"] > 0
    # Nothing was left half-done: no queue job is still marked as running.
    assert db.execute("SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'"
                      ).fetchone()["count"] == 0
    assert db.execute("SELECT count(*) FROM procrastinate_workers").fetchone()["count"] == 0
    second = workers().wait_started()
    job = wait_finished(http, location, second)
    assert job["counts"]["stored"] == 40
    assert db.execute("SELECT count(DISTINCT url) = count(*) AS once FROM articles"
                      ).fetchone()["once"]


def test_two_workers_share_the_load(http, db, workers):
    one, two = workers(), workers()
    one.wait_started()
    two.wait_started()
    batch = [article(i, long=True) for i in range(40)]
    location = post_job(http, batch).headers["Location"]
    job = wait_finished(http, location, one, two)
    assert job["counts"]["stored"] == 40
    by_worker = db.execute("SELECT worker, count(*) FROM ingest_job_items GROUP BY worker"
                           ).fetchall()
    assert len(by_worker) == 2, by_worker
    assert {r["worker"].split(":")[1] for r in by_worker} == {
        str(one.process.pid), str(two.process.pid)}
    assert sum(r["count"] for r in by_worker) == 40


def test_cancel_before_start(client, db, database_url):
    from psycopg_pool import ConnectionPool

    from api.ingest_jobs import process_range

    response = client.post("/v1/ingest-jobs", json={"articles": [article(i) for i in range(8)]})
    job_id = response.json["id"]
    cancelled = client.delete(f"/v1/ingest-jobs/{job_id}")
    assert cancelled.status_code == 200, cancelled.json
    assert cancelled.json["status"] == "cancelled"
    assert cancelled.json["counts"]["cancelled"] == 8 and cancelled.json["counts"]["pending"] == 0
    statuses = db.execute("SELECT DISTINCT status::text FROM procrastinate_jobs "
                          "WHERE task_name = 'dossier.process_items'").fetchall()
    assert [r["status"] for r in statuses] == ["cancelled"]
    # A late delivery of one of its ranges does nothing.
    with ConnectionPool(database_url, kwargs=connect_kwargs(30_000), min_size=1,
                        max_size=1) as pool:
        assert process_range(pool, job_id, 0, 5) == 0
    assert db.execute("SELECT count(*) FROM articles").fetchone()["count"] == 0
    again = client.delete(f"/v1/ingest-jobs/{job_id}")
    assert again.status_code == 200 and again.json["status"] == "cancelled"


def test_a_finished_job_cannot_be_cancelled(client, db, database_url):
    from psycopg_pool import ConnectionPool

    from api.ingest_jobs import process_range

    job_id = client.post("/v1/ingest-jobs", json={"articles": [
        {**article(1), "extract": False}]}).json["id"]
    with ConnectionPool(database_url, kwargs=connect_kwargs(30_000), min_size=1,
                        max_size=1) as pool:
        assert process_range(pool, job_id, 0, 5) == 1
        assert process_range(pool, job_id, 0, 5) == 0  # delivered twice: stored once
    response = client.delete(f"/v1/ingest-jobs/{job_id}")
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"
    assert db.execute("SELECT count(*) FROM articles").fetchone()["count"] == 1


def test_an_ndjson_upload_reports_a_bad_line_by_index(client, db):
    lines = [json.dumps(article(1)), "", "{not json", json.dumps(article(2))]
    response = client.post("/v1/ingest-jobs", data="\n".join(lines).encode(),
                           content_type="application/x-ndjson")
    assert response.status_code == 202, response.json
    job = response.json
    assert job["counts"]["total"] == 3 and job["counts"]["failed"] == 1
    assert job["errors"][0]["index"] == 1 and "line 3" in job["errors"][0]["message"]


@pytest.mark.parametrize("body, field", [
    ({"articles": []}, "articles"),
    ({"articles": [article(i) for i in range(1001)]}, "articles"),
    ({}, "articles"),
    ({"articles": [article(1)], "extra": 1}, "extra"),
    ({"articles": [[None, None]]}, "articles.0"),
    ({"articles": [article(1), "text"]}, "articles.1"),
])
def test_an_invalid_batch_is_a_422(client, db, body, field):
    response = client.post("/v1/ingest-jobs", json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]
    assert db.execute("SELECT count(*) FROM ingest_jobs").fetchone()["count"] == 0


def test_jobs_need_write_scope_and_json_or_ndjson(anon_client, client, make_key):
    reader = make_key("read")
    response = anon_client.post("/v1/ingest-jobs", json={"articles": [article(1)]},
                                headers={"Authorization": f"Bearer {reader}"})
    assert response.status_code == 403
    response = client.post("/v1/ingest-jobs", data="title,body", content_type="text/csv")
    assert response.status_code == 415
    response = client.post("/v1/ingest-jobs", json={"articles": [article(1)]},
                           headers={"Idempotency-Key": "x" * 256})
    assert response.status_code == 422 and "Idempotency-Key" in response.json["errors"]


def test_jobs_are_listed_newest_first_with_cursor_paging(client):
    from tests.helpers import walk

    ids = [client.post("/v1/ingest-jobs", json={"articles": [article(i)]}).json["id"]
           for i in range(5)]
    client.delete(f"/v1/ingest-jobs/{ids[1]}")
    rows, pages = walk(client, "/v1/ingest-jobs", {"limit": 2})
    assert [r["id"] for r in rows] == ids[::-1] and pages == 3
    assert all(r["errors"] is None for r in rows)
    cancelled = client.get("/v1/ingest-jobs", query_string={"status": "cancelled"}).json
    assert [r["id"] for r in cancelled["data"]] == [ids[1]]
    assert client.get("/v1/ingest-jobs/999999").status_code == 404


def test_ready_and_the_job_warn_when_no_worker_picks_up_work(client, monkeypatch):
    monkeypatch.setenv("DOSSIER_QUEUE_WARN_SECONDS", "0.05")
    assert client.get("/ready").json["queue"]["status"] == "ok"
    location = client.post("/v1/ingest-jobs", json={"articles": [article(1)]}
                           ).headers["Location"]
    time.sleep(0.2)  # let the queued work age past the (tiny) threshold
    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json["queue"]["status"] == "stalled"
    assert ready.json["queue"]["live_workers"] == 0
    assert "dossier worker" in ready.json["queue"]["warning"]
    assert "dossier worker" in client.get(location).json["worker_warning"]


@pytest.mark.parametrize("mode, size, status", [
    ("auto", 100, 201), ("auto", 30_000, 202), ("async", 100, 202), ("sync", 30_000, 201),
])
def test_article_extraction_runs_in_the_request_or_as_a_job(client, db, monkeypatch, mode,
                                                            size, status):
    monkeypatch.setitem(client.application.config, "EXTRACT_MODE", mode)
    body = ("Vladimir Putin met Kim Jong Un. " * (size // 32 + 1))[:size]
    response = client.post("/v1/articles", json={"title": "T", "body": body, "extract": True})
    assert response.status_code == status, response.json
    if status == 202:
        assert response.headers["Location"] == f"/v1/ingest-jobs/{response.json['id']}"
        assert response.json["counts"]["total"] == 1
        assert db.execute("SELECT count(*) FROM articles").fetchone()["count"] == 0
    else:
        assert response.json["extractor_version"]


def test_an_async_article_with_a_known_url_is_a_409_at_once(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "EXTRACT_MODE", "async")
    client.post("/v1/articles", json={**article(1), "extract": False})
    response = client.post("/v1/articles", json={**article(1), "extract": True})
    assert response.status_code == 409


def test_cli_queues_ingest_and_reextraction_and_lists_jobs(tmp_path, database_url, db):
    from click.testing import CliRunner

    from api.cli import main as cli

    (tmp_path / "batch.ndjson").write_text(
        "\n".join(json.dumps(article(i)) for i in range(3)), encoding="utf-8")
    runner = CliRunner(env={"DATABASE_URL": database_url})
    result = runner.invoke(cli, ["ingest", "--async", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "queued 1 ingest job(s)" in result.output
    job = db.execute("SELECT * FROM ingest_jobs").fetchone()
    assert job["total"] == 3 and job["kind"] == "ingest"
    db.execute("INSERT INTO articles (title, body, extractor_version, extracted_at) "
               "VALUES ('Old', 'Putin spoke.', '0.1', now())")
    result = runner.invoke(cli, ["reextract", "--stale"])
    assert result.exit_code == 0, result.output
    assert "queued 1 article(s) in 1 re-extraction job(s)" in result.output
    db.execute("UPDATE ingest_jobs SET status = 'running', stored = 1, started_at = now() "
               "WHERE kind = 'ingest'")
    result = runner.invoke(cli, ["jobs"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "reextract" in lines[1] and "queued" in lines[1]
    assert "running" in lines[2] and "1/3" in lines[2]
