"""Metadata entered by hand, linked to its body: mentions found by name and alias (`source:
matched`), speakers resolved against the payload, quotes and figures located by their text."""

from __future__ import annotations

from api.linking import fold, link, resolve_speaker
from tests.helpers import store

BODY = ("Vladimir Putin met Kim Jong Un in Moscow. “We agree on everything,” Putin said. "
        "José Martínez of the Kremlin press office said the debt was $10 billion, of which "
        "90% was forgiven. Kim later added: “We agree on everything.” The KREMLIN confirmed.")


def people_spans(client, article_id: int) -> dict[str, list[str]]:
    rows = client.get(f"/v1/articles/{article_id}?include=people,organizations").json
    body = rows["body"]
    return {e["name"]: [body[s["start"]:s["end"]] for s in e["spans"]]
            for e in rows["people"] + rows["organizations"]}


def test_people_and_organizations_without_spans_get_matched_mentions(client, db):
    article = store(client, "Summit", BODY, {
        "people": [{"name": "Vladimir Putin", "aliases": ["Putin"]},
                   {"name": "Kim Jong Un", "aliases": ["Kim"]},
                   {"name": "Jose Martinez"}],
        "organizations": [{"name": "Kremlin"}],
    })
    assert article["people_count"] == 3 and article["organizations_count"] == 1
    assert people_spans(client, article["id"]) == {
        "Vladimir Putin": ["Vladimir Putin", "Putin"],
        "Kim Jong Un": ["Kim Jong Un", "Kim"],
        "Jose Martinez": ["José Martínez"],
        "Kremlin": ["Kremlin", "KREMLIN"],
    }
    sources = {row["source"] for row in db.execute("SELECT source FROM mentions")}
    assert sources == {"matched"}


def test_given_spans_are_kept_and_never_taken_by_matching(client, db):
    start = BODY.index("Kim Jong Un")
    article = store(client, "Summit", BODY, {
        "people": [{"name": "Kim Jong Un", "mentions": [{"start": start, "end": start + 3}]},
                   {"name": "Kim Jong"}],
    })
    spans = people_spans(client, article["id"])
    assert spans["Kim Jong Un"] == ["Kim"]  # as given, not extended
    assert "Kim Jong" not in spans  # its only occurrence overlaps a given span
    assert {r["source"] for r in db.execute("SELECT source FROM mentions")} == {"manual"}


def test_speaker_name_resolves_against_the_payload(client):
    article = store(client, "Summit", BODY, {
        "people": [{"name": "Vladimir Putin"}, {"name": "Kim Jong Un"}],
        "organizations": [{"name": "Kremlin"}],
        "quotes": [{"speaker_name": "Putin", "text": "We agree on everything,"},
                   {"speaker_name": "kim jong un", "text": "We agree on everything."},
                   {"speaker_name": "The Kremlin", "text": "confirmed"},
                   {"speaker_name": "he", "text": "Moscow"}],
    })
    quotes = client.get(f"/v1/articles/{article['id']}/quotes?include=speaker").json["data"]
    by_text = {q["text"]: q for q in quotes}
    putin = by_text["We agree on everything,"]
    assert putin["speaker"]["name"] == "Vladimir Putin" and putin["speaker_name"] == "Putin"
    assert putin["speaker_person_id"] is not None
    assert by_text["We agree on everything."]["speaker"]["name"] == "Kim Jong Un"
    kremlin = by_text["confirmed"]
    assert kremlin["speaker_organization_id"] is not None and kremlin["speaker_person_id"] is None
    assert by_text["Moscow"]["speaker"] is None  # "he" designates no one


def test_quotes_and_figures_without_offsets_are_located(client):
    article = store(client, "Summit", BODY, {
        "quotes": [{"text": "We agree on everything"}, {"text": "We agree on everything"},
                   {"text": "Not in the body"}],
        "financial_figures": [
            {"kind": "money", "value": "10000000000", "currency": "USD", "text": "$10 billion"},
            {"kind": "percent", "value": "90", "text": "90%",
             "sentence": "of which 90% was forgiven"},
            {"kind": "percent", "value": "0", "text": "0%"}],
    })
    body = article["body"]
    quotes = client.get(f"/v1/articles/{article['id']}/quotes").json["data"]
    located = [(q["start"], q["end"]) for q in quotes if q["start"] is not None]
    assert [body[s:e] for s, e in located] == ["We agree on everything"] * 2
    assert located[0] != located[1]  # successive occurrences
    assert [q["start"] for q in quotes if q["text"] == "Not in the body"] == [None]
    figures = client.get(f"/v1/articles/{article['id']}/financial-figures").json["data"]
    texts = {f["text"]: (f["start"], f["end"]) for f in figures}
    assert body[slice(*texts["$10 billion"])] == "$10 billion"
    assert body[slice(*texts["90%"])] == "90%"
    assert texts["0%"] == (None, None)  # "0%" only occurs inside "90%": not a whole word


def test_fold_keeps_offsets():
    text = "José “Ünal” İstanbul straße"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith('jose "unal"')


def test_resolve_speaker_needs_a_unique_match():
    metadata = {"people": [{"name": "Kim Jong Un"}, {"name": "Kim Jong Il"}],
                "organizations": []}
    assert resolve_speaker("Kim", metadata) is None
    assert resolve_speaker("Jong Un", metadata) == "Kim Jong Un"
    assert resolve_speaker("KIM JONG IL", metadata) == "Kim Jong Il"


def test_link_does_not_change_its_input():
    metadata = {"people": [{"name": "Putin"}], "organizations": [],
                "quotes": [{"speaker_name": "Putin", "text": "We agree"}]}
    linked = link(metadata, BODY)
    assert metadata == {"people": [{"name": "Putin"}], "organizations": [],
                        "quotes": [{"speaker_name": "Putin", "text": "We agree"}]}
    assert linked["people"][0]["matched_mentions"]
    assert linked["quotes"][0]["speaker"] == "Putin" and linked["quotes"][0]["start"] > 0
