"""The development set: gold files are consistent, and extraction stays above a floor."""

import json
from pathlib import Path

import pytest

from api.extraction.evaluate import TYPES, evaluate

DEVSET = Path(__file__).resolve().parents[2] / "devset"
GOLDS = sorted(DEVSET.glob("*.gold.json"))


def _clean(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("\u2019", "'").split())


def test_devset_is_big_enough() -> None:
    assert len(GOLDS) >= 16
    no_money = [g for g in GOLDS
                if not any(f["kind"] == "money"
                           for f in json.loads(g.read_text(encoding="utf-8"))["financial_figures"])]
    assert len(no_money) >= 2


@pytest.mark.parametrize("gold_path", GOLDS, ids=[g.name for g in GOLDS])
def test_gold_spans_match_their_text(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["source_file"]).read_text(encoding="utf-8")
    for entity in gold["people"] + gold["organizations"]:
        names = {_clean(n) for n in [entity["name"], *entity.get("aliases", [])]}
        for start, end in entity["mentions"]:
            assert _clean(text[start:end]) in names, (entity["name"], text[start:end])
    for quote in gold["quotes"]:
        joined = " … ".join(text[s:e] for s, e in quote["spans"])
        assert _clean(joined) == _clean(quote["text"])
    for fig in gold["financial_figures"]:
        start, end = fig["span"]
        assert text[start:end] == fig["text"]


def test_devset_scores_stay_above_floor() -> None:
    report = evaluate(GOLDS)
    for t in TYPES:
        assert report.overall[t].f1 >= 0.9, (t, report.overall[t])
    for f in report.files:
        assert f.attributed_not_quotes == [], f.path
