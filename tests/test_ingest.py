"""Creating articles with metadata, extraction over HTTP, re-extraction, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from api.cli import main as cli
from tests.conftest import ROOT, row_counts
from tests.helpers import quote_covers

SAMPLE = (ROOT / "devset" / "russia-north-korea.txt").read_text(encoding="utf-8")
BODY = "Vladimir Putin met Kim Jong Un. “We agree,” said Putin. Trade rose 12% to $3 billion."


def metadata() -> dict:
    return {
        "people": [
            {"name": "Vladimir Putin", "aliases": ["Putin"], "description": "Russian President",
             "mentions": [{"start": 0, "end": 14}, {"start": 49, "end": 54}]},
            {"name": "Kim Jong Un", "mentions": [{"start": 19, "end": 30}]},
        ],
        "organizations": [{"name": "Kremlin", "kind": "government"}],
        "affiliations": [{"person": "Putin", "organization": "Kremlin", "role": "president"}],
        "quotes": [{"speaker": "Putin", "text": "We agree,", "verb": "said",
                    "start": 33, "end": 42}],
        "financial_figures": [
            {"kind": "percent", "value": "12", "text": "12%", "start": 66, "end": 69,
             "related_index": 1},
            {"kind": "money", "value": "3000000000", "currency": "USD", "text": "$3 billion",
             "start": 73, "end": 83, "measures": "trade"},
        ],
    }


def test_create_with_metadata_in_one_request(client, db):
    response = client.post("/v1/articles", json={"title": "Summit", "body": BODY,
                                                 "metadata": metadata()})
    assert response.status_code == 201, response.json
    article = response.json
    # Counts come from mentions: the Kremlin is only named in an affiliation, not in the body.
    assert (article["people_count"], article["organizations_count"], article["quotes_count"],
            article["financial_figures_count"]) == (2, 0, 1, 2)
    quote = db.execute("SELECT * FROM quotes").fetchone()
    putin = db.execute("SELECT * FROM people WHERE name = 'Vladimir Putin'").fetchone()
    assert quote["speaker_person_id"] == putin["id"] and quote["source"] == "manual"
    assert BODY[quote["start"]:quote["end"]] == quote["text"]
    share, amount = db.execute("SELECT * FROM financial_figures ORDER BY id").fetchall()
    assert share["related_figure_id"] == amount["id"]
    assert str(amount["value"]) == "3000000000"
    assert db.execute("SELECT role FROM affiliations").fetchone()["role"] == "president"


def test_people_are_matched_across_articles_by_name_or_alias(client, db):
    client.post("/v1/articles", json={"title": "One", "body": BODY, "metadata": metadata()})
    second = {"people": [{"name": "putin", "aliases": ["Vladimir Vladimirovich Putin"],
                          "mentions": [{"start": 0, "end": 5}]}]}
    response = client.post("/v1/articles", json={"title": "Two", "body": "Putin spoke.",
                                                 "metadata": second})
    assert response.status_code == 201
    people = db.execute("SELECT name, aliases FROM people ORDER BY id").fetchall()
    assert len(people) == 2
    assert "Vladimir Vladimirovich Putin" in people[0]["aliases"]


@pytest.mark.parametrize("change, field", [
    (lambda m: m["quotes"][0].update(speaker="Nobody"), "metadata.quotes.0.speaker"),
    (lambda m: m["quotes"][0].update(end=9999), "metadata.quotes.0"),
    (lambda m: m["people"][0]["mentions"].append({"start": 5, "end": 2}),
     "metadata.people.0.mentions.2"),
    (lambda m: m["affiliations"][0].update(organization="Nowhere"),
     "metadata.affiliations.0.organization"),
    (lambda m: m["financial_figures"][0].update(related_index=0),
     "metadata.financial_figures.0.related_index"),
    (lambda m: m["financial_figures"][1].update(currency=None),
     "metadata.financial_figures.1.currency"),
    (lambda m: m["financial_figures"][1].update(value="-1"), "metadata.financial_figures.1.value"),
    (lambda m: m["financial_figures"][1].update(value="NaN"),
     "metadata.financial_figures.1.value"),
    (lambda m: m["people"][0].update(colour="red"), "metadata.people.0.colour"),
])
def test_bad_metadata_is_422_naming_the_field_and_stores_nothing(client, db, change, field):
    body = metadata()
    change(body)
    before = row_counts(db)
    response = client.post("/v1/articles", json={"title": "x", "body": BODY, "metadata": body})
    assert response.status_code == 422, response.json
    assert field in response.json["errors"], response.json
    assert row_counts(db) == before


def test_create_with_extraction(client, db):
    response = client.post("/v1/articles", json={"title": "Russia and North Korea",
                                                 "body": SAMPLE, "extract": True})
    assert response.status_code == 201, response.json
    article = response.json
    assert article["people_count"] == 6 and article["organizations_count"] == 4
    assert article["financial_figures_count"] == 2 and article["extractor_version"]
    speakers = {r["name"] for r in db.execute(
        "SELECT DISTINCT p.name FROM quotes q JOIN people p ON p.id = q.speaker_person_id")}
    assert speakers == {"Richard Weitz", "Leonid Petrov"}
    texts = [r["text"] for r in db.execute("SELECT text FROM quotes")]
    assert not any("goody bag" in t for t in texts)
    for row in db.execute("SELECT text, start, \"end\" FROM quotes"):
        # a quote interrupted by its attribution is stored once, spanning both segments
        assert quote_covers(SAMPLE, SimpleNamespace(**row))
    assert db.execute("SELECT count(*) FROM quotes WHERE source <> 'extracted'").fetchone()[
        "count"] == 0


def test_extract_and_metadata_together_is_422(client):
    response = client.post("/v1/articles", json={"title": "x", "body": BODY, "extract": True,
                                                 "metadata": metadata()})
    assert response.status_code == 422 and "extract" in response.json["errors"]


def test_patch_body_reextracts_and_keeps_hand_entered_metadata(client, db):
    article = client.post("/v1/articles", json={"title": "t", "body": SAMPLE,
                                                "extract": True}).json
    person = db.execute("SELECT id FROM people WHERE name = 'Richard Weitz'").fetchone()
    db.execute("INSERT INTO quotes (article_id, speaker_person_id, text, source) "
               "VALUES (%s, %s, 'entered by hand', 'manual')", (article["id"], person["id"]))
    new_body = SAMPLE.replace("noted Richard Weitz", "noted analyst Richard Weitz")
    response = client.patch(f"/v1/articles/{article['id']}", json={"body": new_body})
    assert response.status_code == 200
    rows = db.execute("SELECT text, start, \"end\", source FROM quotes").fetchall()
    assert "entered by hand" in [r["text"] for r in rows]
    for row in rows:
        if row["source"] == "extracted":
            assert quote_covers(new_body, SimpleNamespace(**row))


def test_extract_preview_stores_nothing(client, db):
    before = row_counts(db)
    response = client.post("/v1/extract", json={"text": SAMPLE})
    assert response.status_code == 200
    result = response.json
    assert {p["name"] for p in result["people"]} >= {"Vladimir Putin", "Kim Jong Un"}
    unattributed = [q for q in result["quotes"] if q["speaker"] is None]
    assert any("goody bag" in q["text"] for q in unattributed)
    assert row_counts(db) == before


@pytest.mark.parametrize("payload, status, field", [
    ({"text": ""}, 422, "text"),
    ({"text": "   \n  "}, 422, "text"),
    ({"text": "\x01\x02\x03\x04" * 50}, 422, "text"),
    ({"text": "Hallo Welt", "language": "de"}, 422, "language"),
    ({"text": "x" * 200_001}, 422, "text"),
    ({"text": 5}, 422, "text"),
])
def test_extract_rejects_unusable_text(client, payload, status, field):
    response = client.post("/v1/extract", json=payload)
    assert response.status_code == status, response.json
    assert field in response.json["errors"]


def test_extract_rejects_a_10mb_body(client):
    response = client.post("/v1/extract", data=json.dumps({"text": "a" * 10_000_000}),
                           content_type="application/json")
    assert response.status_code == 413
    assert response.content_type == "application/problem+json"


def run_cli(database_url: str, *args: str):
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": database_url},
                              catch_exceptions=False)


def test_cli_ingest_is_idempotent_and_reports_bad_records(app, database_url, db, tmp_path):
    (tmp_path / "a.txt").write_text("Budget talks\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([
        {"title": "Json one", "text": "Angela Merkel said “no” in Berlin.",
         "url": "https://example.com/one"},
        {"title": "Json one again", "body": "Other text.", "url": "https://example.com/one#x"},
    ]), encoding="utf-8")
    (tmp_path / "c.ndjson").write_text(
        '{"title": "Nd", "body": "Shares fell 3 per cent."}\n{broken\n{"title": 7}\n',
        encoding="utf-8")
    result = run_cli(database_url, "ingest", "--workers", "1", str(tmp_path))
    assert "stored 3, skipped 1 (already stored), failed 2" in result.output
    assert f"{tmp_path / 'c.ndjson'}:2" in result.output
    assert f"{tmp_path / 'c.ndjson'}:3" in result.output
    assert result.exit_code == 1
    counts = row_counts(db)
    again = run_cli(database_url, "ingest", "--workers", "1", str(tmp_path))
    assert "stored 0, skipped 4" in again.output
    assert row_counts(db) == counts
    figures = db.execute("SELECT kind, value FROM financial_figures ORDER BY id").fetchall()
    assert ("percent", "3") in [(f["kind"], str(f["value"])) for f in figures]


def test_cli_reextract_stale(app, database_url, db, client):
    article = client.post("/v1/articles", json={"title": "t", "body": SAMPLE,
                                                "extract": True}).json
    db.execute("UPDATE articles SET extractor_version = '0.0.1' WHERE id = %s", (article["id"],))
    result = run_cli(database_url, "reextract", "--stale", "--local")
    assert "re-extracted 1 article(s)" in result.output
    from api.extraction import EXTRACTOR_VERSION

    row = db.execute("SELECT extractor_version FROM articles").fetchone()
    assert row["extractor_version"] == EXTRACTOR_VERSION
    assert db.execute("SELECT count(*) FROM quotes").fetchone()["count"] == article[
        "quotes_count"]


def test_cli_migrate_twice_and_load_demo_once(app, database_url, db):
    assert "applied 0 migration(s)" in run_cli(database_url, "migrate").output
    assert "demo article stored" in run_cli(database_url, "load-demo").output
    assert "demo already loaded" in run_cli(database_url, "load-demo").output
    counts = row_counts(db)
    assert (counts["articles"], counts["people"], counts["quotes"]) == (1, 6, 4)


def test_cli_eval_on_the_sample_is_perfect():
    result = CliRunner().invoke(cli, ["eval", str(ROOT / "devset/russia-north-korea.gold.json")])
    assert result.exit_code == 0
    overall = result.output.split("OVERALL")[1]
    assert overall.count("F1=1.000") == 4


def test_embedded_server_keeps_data_across_restarts(tmp_path):
    """Without DATABASE_URL the CLI starts the embedded server; its data survive a stop."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DOSSIER_DATA_DIR"] = str(tmp_path / "data")
    command = [sys.executable, "-m", "api.cli", "load-demo"]
    first = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=180)
    assert "demo article stored" in first.stdout, first.stderr
    second = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=180)
    assert "demo already loaded" in second.stdout, second.stderr


def test_get_article_with_includes(client):
    article = client.post("/v1/articles", json={"title": "Summit", "body": BODY,
                                                "metadata": metadata()}).json
    url = f"/v1/articles/{article['id']}"
    plain = client.get(url)
    assert "quotes" not in plain.json
    full = client.get(f"{url}?include=people,organizations,quotes,financial_figures")
    assert full.status_code == 200
    detail = full.json
    assert {p["name"] for p in detail["people"]} == {"Vladimir Putin", "Kim Jong Un"}
    putin = next(p for p in detail["people"] if p["name"] == "Vladimir Putin")
    assert putin["spans"] == [{"start": 0, "end": 14}, {"start": 49, "end": 54}]
    assert [q["text"] for q in detail["quotes"]] == ["We agree,"]
    share = next(f for f in detail["financial_figures"] if f["kind"] == "percent")
    amount = next(f for f in detail["financial_figures"] if f["kind"] == "money")
    assert share["related_figure_id"] == amount["id"] and amount["value"] == "3000000000"
    assert detail["organizations"] == []
    assert full.headers["ETag"] != plain.headers["ETag"]  # it covers the include set


@pytest.mark.parametrize("include", ["bogus", "people,people", "quotes,,people"])
def test_bad_include_is_422(client, include):
    article = client.post("/v1/articles", json={"title": "t", "body": "b"}).json
    response = client.get(f"/v1/articles/{article['id']}?include={include}")
    assert response.status_code == 422
    assert any(key.startswith("include") for key in response.json["errors"])


def test_extraction_stores_each_quote_kind(client, db):
    body = ("Mayor Lena Okafor spoke at the depot on Monday.\n"
            "“We will not close a single line,” Okafor said.\n"
            "Okafor said the old fleet would be replaced within five years.\n"
            "She called the budget “a promise kept”.")
    response = client.post("/v1/articles", json={"title": "Buses", "body": body,
                                                 "extract": True})
    assert response.status_code == 201, response.json
    rows = db.execute("SELECT kind, text, speaker_name FROM quotes WHERE article_id = %s "
                      "ORDER BY start", [response.json["id"]]).fetchall()
    kinds = {r["kind"]: r for r in rows}
    assert set(kinds) == {"direct", "indirect", "partial"}
    assert kinds["indirect"]["text"] == "the old fleet would be replaced within five years"
    listed = client.get(f"/v1/quotes?kind=indirect&article_id={response.json['id']}")
    assert [q["text"] for q in listed.json["data"]] == [kinds["indirect"]["text"]]


def test_an_extraction_posted_back_unchanged_is_stored(client, db):
    """/v1/extract answers with the shape of `metadata`: preview, then store it as it is."""
    preview = client.post("/v1/extract", json={"text": SAMPLE})
    assert preview.status_code == 200
    metadata = preview.json
    assert {"people", "organizations", "affiliations", "quotes", "financial_figures",
            "extractor_version"} <= set(metadata)
    assert all("mentions" in p for p in metadata["people"] + metadata["organizations"])
    assert any(f["related_index"] is not None for f in metadata["financial_figures"])
    created = client.post("/v1/articles", json={"title": "Summit", "body": SAMPLE,
                                                "metadata": metadata})
    assert created.status_code == 201, created.json
    article_id = created.json["id"]
    detail = client.get(f"/v1/articles/{article_id}?include=people,quotes,financial_figures"
                        ).json
    stored_people = {p["name"]: p["spans"] for p in detail["people"]}
    for person in metadata["people"]:
        assert stored_people[person["name"]] == person["mentions"]
    attributed = [q for q in metadata["quotes"] if q["kind"] != "scare"]
    assert sorted((q["start"], q["end"], q["speaker_name"], q["kind"], q["method"])
                  for q in detail["quotes"]) == sorted(
        (q["start"], q["end"], q["speaker_name"], q["kind"], q["method"]) for q in attributed
        if q["speaker"] or q["speaker_name"])
    assert not any(q["kind"] == "scare" for q in detail["quotes"])
    figures = sorted(detail["financial_figures"], key=lambda f: f["start"])
    sent = sorted(metadata["financial_figures"], key=lambda f: f["start"])
    assert [(f["start"], f["value"], f["method"]) for f in figures] == [
        (f["start"], f["value"], f["method"]) for f in sent]
    by_id = {f["id"]: f for f in figures}
    for stored, posted in zip(figures, sent, strict=True):
        if posted["related_index"] is not None:
            related = metadata["financial_figures"][posted["related_index"]]
            assert by_id[stored["related_figure_id"]]["start"] == related["start"]
