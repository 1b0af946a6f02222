"""Fixtures: a real PostgreSQL (DATABASE_URL, or the embedded server), the app, a live server.

Each test starts from an empty database (all tables truncated, identities reset); the
migrations run once per session.

Auth: `client` sends a fresh admin API key (`Authorization: Bearer ...`) with every request;
`anon_client` sends none; `make_key(scope)` stores a key in the test database and returns it
(keys live in the database, so they also work on `live_server`; `admin_key` is one made per
test, since each test truncates the keys table). The session app and `LiveServer` run with
the rate limit and the access log off unless a test turns them on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from api import create_app
from api.data import api_keys
from api.data.api_keys import create_key
from api.db import connect_kwargs
from api.extraction.model import get_nlp
from api.migrations import migrate

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("articles, people, organizations, api_keys, ingest_jobs, procrastinate_jobs, "
          "procrastinate_workers")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """DATABASE_URL when set (e.g. the local PostgreSQL 15), else a fresh embedded server."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        from api import embedded

        url = embedded.start(tmp_path_factory.mktemp("embedded"), delete_on_exit=True)
    migrate(url)
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to the test database, for setting up and checking state."""
    with psycopg.connect(database_url, autocommit=True, **connect_kwargs(30_000)) as conn:
        yield conn


def truncate(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")


@pytest.fixture(scope="session")
def session_app(database_url: str):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True,
                      "RATE_LIMIT_ENABLED": False, "ACCESS_LOG": False})
    get_nlp()  # /ready answers 200 only once the model is loaded
    yield app
    app.extensions["dossier.db"].close()


@pytest.fixture
def app(session_app, database_url: str):
    """The app, with an empty database (and no key remembered from an earlier test)."""
    truncate(database_url)
    api_keys.cache.clear()
    return session_app


@pytest.fixture
def make_key(app, database_url: str) -> Callable[..., str]:
    """`make_key(scope="admin", name="test")`: store an API key, return the key itself."""

    def make(scope: str = "admin", name: str = "test") -> str:
        with psycopg.connect(database_url, autocommit=True, **connect_kwargs(30_000)) as conn:
            return create_key(conn, name, scope).key

    return make


@pytest.fixture
def admin_key(make_key: Callable[..., str]) -> str:
    """An admin key in the (freshly truncated) test database."""
    return make_key("admin")


@pytest.fixture
def client(app, admin_key: str):
    """A test client that authenticates with an admin key."""
    test_client = app.test_client()
    test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {admin_key}"
    return test_client


@pytest.fixture
def anon_client(app):
    """A test client without an API key."""
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Rows per table, to check that a rejected request changed nothing."""
    tables = ["articles", "people", "organizations", "affiliations", "mentions", "quotes",
              "financial_figures", "api_keys"]
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()["count"] for t in tables}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """gunicorn serving the app on a loopback port, as in production."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None,
                 workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DOSSIER_RATE_LIMIT_ENABLED": "false",
                    "DOSSIER_ACCESS_LOG": "false", "DATABASE_URL": database_url, **(env or {})}
        self.workers = workers
        self.process: subprocess.Popen | None = None
        # stderr goes to a file, never an unread pipe (a full pipe would block the workers)
        self.log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - lives as long as the server
            prefix="dossier-live-", suffix=".log")

    def log(self) -> str:
        """What gunicorn and the app wrote to stderr so far."""
        return Path(self.log_file.name).read_text(encoding="utf-8", errors="replace")

    def start(self) -> LiveServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--timeout", "60", "api.wsgi:app"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log_file,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/health", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:  # refused, or a worker still booting
                time.sleep(0.2)
            if self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"the live server did not start:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="session")
def live_server(database_url: str) -> Iterator[LiveServer]:
    """A real HTTP server (gunicorn, 2 workers) on the test database."""
    server = LiveServer(database_url).start()
    yield server
    server.stop()
