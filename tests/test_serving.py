"""The serving setup on a real gunicorn (gunicorn.conf.py: threaded DossierWorker): slow
clients cannot block it, its own refusals are problem+json, and /health and /ready answer
promptly while the database is busy or gone.

No timed assertions: each check is "answered at all within the client's timeout", with
timeouts several times what the server needs."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
import requests

from tests.conftest import LiveServer

PROBLEM = "application/problem+json"
READ_TIMEOUT = "2"  # seconds a client has to send a request, on these servers


def read_response(sock: socket.socket, limit: int = 65536) -> bytes:
    """Everything the server sends until it closes the connection (bounded)."""
    chunks, size = [], 0
    while size < limit:
        try:
            chunk = sock.recv(4096)
        except (TimeoutError, ConnectionResetError):
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def parse(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


class Slowloris(threading.Thread):
    """A client that sends a request head one header line every `interval` seconds, at most
    `lines` lines, and records what the server answered."""

    def __init__(self, port: int, lines: int = 40, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.port, self.lines, self.interval = port, lines, interval
        self.sent_lines = 0
        self.answer = b""
        self.connected = threading.Event()

    def run(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"GET /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.connected.set()
            for i in range(self.lines):
                if select.select([sock], [], [], self.interval)[0]:
                    break  # the server answered: stop sending, read it
                try:
                    sock.sendall(f"X-Slow-{i}: {i}\r\n".encode())
                except OSError:  # the server closed the connection
                    break
                self.sent_lines += 1
            self.answer = read_response(sock)


@pytest.fixture
def two_thread_server(database_url: str, app) -> Iterator[LiveServer]:
    """One worker with two request threads: two slow clients could hold all of them."""
    server = LiveServer(database_url, workers=1, env={
        "DOSSIER_THREADS": "2", "DOSSIER_REQUEST_READ_TIMEOUT": READ_TIMEOUT}).start()
    yield server
    server.stop()


def test_two_slowloris_sockets_do_not_block_health(two_thread_server):
    """Two sockets trickling header lines (as many as the server has threads): /health still
    answers, and each slow client gets a 408 problem+json once its read deadline passes,
    long before it would have finished its head."""
    slow = [Slowloris(two_thread_server.port) for _ in range(2)]
    for client in slow:
        client.start()
    for client in slow:
        assert client.connected.wait(10)
    time.sleep(1)  # both heads are being read by now
    answers = [requests.get(f"{two_thread_server.url}/health", timeout=10) for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 200]
    for client in slow:
        client.join(timeout=30)
        assert not client.is_alive()
        status, headers, body = parse(client.answer)
        assert status == 408 and headers["content-type"] == PROBLEM
        assert json.loads(body)["status"] == 408
        assert client.sent_lines < client.lines  # cut off, not served after 40 lines
    assert "X-Slow" not in two_thread_server.log()


def test_slow_request_body_is_408(two_thread_server, admin_key):
    """A body announced but trickled in too slowly is a 408 problem+json from the app."""
    with socket.create_connection(("127.0.0.1", two_thread_server.port), timeout=10) as sock:
        sock.sendall((
            "POST /v1/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {admin_key}\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n{").encode())
        for _ in range(20):
            if select.select([sock], [], [], 0.5)[0]:
                break
            try:
                sock.sendall(b" ")
            except OSError:
                break
        status, headers, body = parse(read_response(sock))
    assert status == 408 and headers["content-type"] == PROBLEM, body
    assert requests.get(f"{two_thread_server.url}/health", timeout=10).status_code == 200


def test_servers_own_refusals_are_problem_json(live_server, admin_key):
    """Limits gunicorn enforces before the app: 414 and 431 as problem+json; the app's own
    query-string limit (8000 bytes) is reachable below gunicorn's request-line limit."""
    url = f"{live_server.url}/v1/articles"
    too_long_line = requests.get(url + "?q=" + "a" * 9000, timeout=10)
    app_limit = requests.get(url + "?q=" + "a" * 8050, timeout=10,
                             headers={"Authorization": f"Bearer {admin_key}"})
    big_header = requests.get(url, headers={"X-Big": "b" * 9000}, timeout=10)
    many_headers = requests.get(url, headers={f"X-H{i}": "1" for i in range(120)}, timeout=10)
    for response, status in ((too_long_line, 414), (app_limit, 414), (big_header, 431),
                             (many_headers, 431)):
        assert response.status_code == status, response.text
        assert response.headers["Content-Type"] == PROBLEM
        assert response.json()["status"] == status
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        status, headers, body = parse(read_response(sock))
    assert status == 400 and headers["content-type"] == PROBLEM
    log = live_server.log()
    assert "aaaa" not in log and "GARBAGE" not in log  # no request line in the log


def test_health_and_ready_answer_while_the_database_is_busy(live_server, database_url,
                                                           admin_key):
    """Requests stuck behind a table lock occupy threads; /health and /ready still answer."""
    stuck: list[int] = []

    def list_articles() -> None:
        response = requests.get(f"{live_server.url}/v1/articles", timeout=60,
                                headers={"Authorization": f"Bearer {admin_key}"})
        stuck.append(response.status_code)

    with psycopg.connect(database_url) as blocker:
        blocker.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
        threads = [threading.Thread(target=list_articles, daemon=True) for _ in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        assert stuck == []  # they are waiting on the lock
        assert requests.get(f"{live_server.url}/health", timeout=3).status_code == 200
        ready = requests.get(f"{live_server.url}/ready", timeout=3)
        assert ready.status_code == 200, ready.text
        blocker.rollback()
    for thread in threads:
        thread.join(timeout=60)
    assert stuck == [200] * 6


class Blackhole(threading.Thread):
    """A TCP server on loopback that accepts connections and never answers: a database
    that hangs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                self.accepted.append(self.listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                break

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
        for sock in self.accepted:
            sock.close()
        self.listener.close()


@pytest.mark.parametrize("database", ["refused", "hanging"])
def test_health_and_ready_answer_while_the_database_is_down(database):
    """With the database refusing connections or hanging, /health is 200 and /ready a 503
    problem+json, both promptly, also while API requests wait for the database."""
    hole = Blackhole()
    hole.start()
    port = hole.port if database == "hanging" else 1
    server = LiveServer(f"postgresql://postgres@127.0.0.1:{port}/none",
                        env={"DOSSIER_PUBLIC_READ": "true", "DOSSIER_DB_POOL_TIMEOUT": "5"})
    try:
        server.start()
        waiting = [threading.Thread(target=requests.get, daemon=True,
                                    args=(f"{server.url}/v1/articles",),
                                    kwargs={"timeout": 30}) for _ in range(4)]
        for thread in waiting:
            thread.start()
        for _ in range(3):
            assert requests.get(f"{server.url}/health", timeout=3).status_code == 200
            ready = requests.get(f"{server.url}/ready", timeout=3)
            assert ready.status_code == 503 and ready.headers["Content-Type"] == PROBLEM
            assert ready.headers["Retry-After"]
        for thread in waiting:
            thread.join(timeout=30)
    finally:
        server.stop()
        hole.stop()
