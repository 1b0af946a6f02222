"""The sample article: F1 = 1.0 for every type; its scare quotes are never attributed."""

from pathlib import Path

import pytest

from api.extraction import extract
from api.extraction.evaluate import TYPES, evaluate, evaluate_file, format_report, main
from tests.helpers import quote_covers

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "samples" / "russia-north-korea.gold.json"
DEVSET_COPY = ROOT / "devset" / "russia-north-korea.gold.json"


@pytest.mark.parametrize(
    "gold",
    [
        pytest.param(SHARED, marks=pytest.mark.skipif(not SHARED.exists(),
                                                      reason="../shared not present")),
        DEVSET_COPY,
    ],
    ids=["shared", "devset"],
)
def test_sample_f1_is_perfect(gold: Path) -> None:
    scores = evaluate_file(gold)
    for t in TYPES:
        assert scores.counts[t].f1 == 1.0, (t, scores.errors)
    assert scores.attributed_not_quotes == []


def test_sample_scare_quotes_are_not_attributed() -> None:
    text = (ROOT / "devset" / "russia-north-korea.txt").read_text(encoding="utf-8")
    result = extract(text)
    for phrase in ("Western imperialism", "economic goody bag", "year of"):
        hits = [q for q in result.quotes if q.text.startswith(phrase)]
        assert hits, phrase
        assert all(q.speaker is None and q.method == "unattributed" for q in hits)


def test_sample_details() -> None:
    text = (ROOT / "devset" / "russia-north-korea.txt").read_text(encoding="utf-8")
    result = extract(text)
    people = {p.name: p for p in result.people}
    assert set(people) == {"Vladimir Putin", "Kim Jong Un", "Richard Weitz", "Leonid Petrov",
                           "Kim Il Sung", "Kim Jong Il"}
    assert "Kom Jong Un" in people["Kim Jong Un"].aliases
    assert len(people["Vladimir Putin"].spans) == 10
    kim_spans = [(s.start, s.end) for s in people["Kim Jong Un"].spans]
    assert (1864, 1867) in kim_spans and (2574, 2577) in kim_spans
    for p in result.people:
        for s in p.spans:
            assert text[s.start:s.end].replace("\u00a0", " ") in [p.name, *p.aliases]
    weitz = [q for q in result.quotes if q.speaker == "Richard Weitz"]
    assert [q.verb for q in weitz] == ["noted"]  # “…,” noted Weitz, … “…”: one quote
    assert all(quote_covers(text, q) for q in result.quotes)
    pct, money = result.figures
    assert (pct.kind, money.kind) == ("percent", "money")
    assert pct.related == 1 and str(money.value) == "10000000000" and money.currency == "USD"
    orgs = {o.name: o for o in result.organizations}
    assert orgs["Center for Political-Military Analysis"].parent == "Hudson Institute"
    assert orgs["Australian National University"].kind == "university"


def test_report_and_main(capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate([DEVSET_COPY])
    text = format_report(report)
    assert "OVERALL" in text and "F1=1.000" in text
    assert main([str(DEVSET_COPY)]) == 0
    assert "OVERALL" in capsys.readouterr().out
