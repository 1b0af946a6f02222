"""Extraction within a CPU budget over HTTP: past it a 422 problem+json naming the text,
never a killed worker; the service keeps answering meanwhile."""

from __future__ import annotations

import threading

import pytest
import requests

from tests.conftest import LiveServer

PARAGRAPH = ("Councillor Mira Solberg{i} of the Nordøy{i} Ferry Company said the crossing "
             "would cost NOK {i} million, up {i}% on the plan, Harald Eik{i} told reporters.")


def long_text(size: int) -> str:
    lines, length, i = [], 0, 0
    while length < size:
        lines.append(PARAGRAPH.format(i=i))
        length += len(lines[-1]) + 1
        i += 1
    return "\n".join(lines)[:size]


def test_extract_past_its_budget_is_422(client, monkeypatch):
    monkeypatch.setenv("DOSSIER_EXTRACT_BUDGET_SECONDS", "0.001")
    response = client.post("/v1/extract", json={"text": long_text(20_000)})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert "budget" in response.json["errors"]["text"][0]


def test_create_and_patch_past_the_budget_are_422_and_change_nothing(client, db, monkeypatch):
    created = client.post("/v1/articles", json={"title": "Ferry", "extract": True,
                                                "body": PARAGRAPH.format(i=1)})
    assert created.status_code == 201, created.json
    before = db.execute("SELECT body, extractor_version FROM articles").fetchone()
    monkeypatch.setenv("DOSSIER_EXTRACT_BUDGET_SECONDS", "0.001")
    response = client.post("/v1/articles", json={"title": "Long", "extract": True,
                                                 "body": long_text(20_000)})
    assert response.status_code == 422 and "body" in response.json["errors"]
    assert "budget" in response.json["errors"]["body"][0]
    response = client.patch(created.headers["Location"], json={"body": long_text(20_000)})
    assert response.status_code == 422 and "body" in response.json["errors"]
    rows = db.execute("SELECT body, extractor_version FROM articles").fetchall()
    assert rows == [before]


def test_patch_extracts_outside_the_row_lock(client, db):
    """The re-extraction of a PATCH runs before the row is locked: the article stays
    writable (a NOWAIT lock succeeds) while the extractor works."""
    created = client.post("/v1/articles", json={"title": "Ferry", "extract": True,
                                                "body": PARAGRAPH.format(i=1)}).json
    from api import extraction

    seen: list[str] = []
    original = extraction.extract

    def probing(text: str):
        with db.transaction():
            row = db.execute("SELECT id FROM articles WHERE id = %s FOR UPDATE NOWAIT",
                             (created["id"],)).fetchone()
        seen.append("unlocked" if row else "missing")
        return original(text)

    extraction.extract = probing
    try:
        response = client.patch(f"/v1/articles/{created['id']}", json={
            "body": "Harald Eik of Nordfjord Shipping said the ferry would cost more."})
    finally:
        extraction.extract = original
    assert response.status_code == 200, response.json
    assert seen == ["unlocked"]
    assert "Harald Eik" in {r["name"] for r in db.execute("SELECT name FROM people")}


@pytest.fixture(scope="module")
def budget_server(database_url: str):
    server = LiveServer(database_url, env={"DOSSIER_EXTRACT_BUDGET_SECONDS": "2"}).start()
    yield server
    server.stop()


def test_long_extractions_never_kill_a_worker(budget_server, admin_key):
    """Two parallel 90,000-character extractions on a 2-worker gunicorn: each is answered
    (200 within its budget, or 422 past it), /health keeps answering, no worker dies."""
    headers = {"Authorization": f"Bearer {admin_key}"}
    text = long_text(90_000)
    answers: list[requests.Response] = []
    health: list[int] = []
    done = threading.Event()

    def post() -> None:
        answers.append(requests.post(f"{budget_server.url}/v1/extract", json={"text": text},
                                     headers=headers, timeout=120))

    def probe() -> None:
        for _ in range(600):  # bounded: stops when both extractions were answered
            if done.is_set():
                return
            health.append(requests.get(f"{budget_server.url}/health", timeout=60).status_code)

    posts = [threading.Thread(target=post) for _ in range(2)]
    prober = threading.Thread(target=probe)
    for t in posts:
        t.start()
    prober.start()
    for t in posts:
        t.join(150)
    done.set()
    prober.join(70)
    assert len(answers) == 2
    for answer in answers:
        assert answer.status_code in (200, 422), answer.text[:300]
        if answer.status_code == 422:
            assert answer.headers["Content-Type"] == "application/problem+json"
            assert "budget" in answer.json()["errors"]["text"][0]
    assert health and set(health) == {200}
    after = requests.get(f"{budget_server.url}/health", timeout=10)
    assert after.status_code == 200
    log = budget_server.log()
    assert "WORKER TIMEOUT" not in log and "SIGKILL" not in log, log[-2000:]
