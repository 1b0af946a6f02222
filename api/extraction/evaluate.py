"""Score :func:`api.extraction.extract` against gold files (precision, recall, F1).

Gold format: see ``devset/russia-north-korea.gold.json``. ``source_file`` is relative to the
gold file's directory. Matching rules:

* people / organizations: a predicted entity matches a gold one when its canonical name or any
  alias equals the gold name or any gold alias, case- and accent-insensitively (one-to-one);
* quotes: a predicted quote WITH a speaker matches a gold quote when its span overlaps one of
  the gold quote's spans and its speaker (name or alias) matches the gold speaker (name or
  alias). Predicted quotes without a speaker are not claims and are ignored, and so is
  reported speech (``kind`` ``indirect``: the gold files annotate quotation marks only).
  Several predicted segments of one gold quote count as one true positive;
* financial figures: kind, value (Decimal equality) and currency, one-to-one.

``main(paths)`` prints the report (used by ``dossier eval GOLD.json...``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from api.extraction import ExtractionResult, extract
from api.extraction.text import name_key

TYPES = ("people", "organizations", "quotes", "financial_figures")


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        """Accumulate ``other`` into this (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class FileScores:
    """Scores of one gold file, with the errors that explain them."""

    path: str
    counts: dict[str, Counts]
    errors: list[str] = field(default_factory=list)
    attributed_not_quotes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Scores of every file plus micro-averaged totals."""

    files: list[FileScores]
    overall: dict[str, Counts]


def _names(name: str | None, aliases: list[str] | None = None) -> set[str]:
    out = {name_key(a) for a in (aliases or []) if a}
    if name:
        out.add(name_key(name))
    return out - {""}


def _match_entities(pred: list[tuple[str, set[str]]], gold: list[tuple[str, set[str]]],
                    label: str, errors: list[str]) -> Counts:
    counts = Counts()
    unmatched_gold = list(range(len(gold)))
    unmatched_pred = list(range(len(pred)))
    # canonical-name matches first, then any alias
    for strict in (True, False):
        for pi in list(unmatched_pred):
            pname, pkeys = pred[pi]
            for gi in unmatched_gold:
                gname, gkeys = gold[gi]
                hit = (name_key(pname) == name_key(gname)) if strict else bool(pkeys & gkeys)
                if hit:
                    counts.tp += 1
                    unmatched_gold.remove(gi)
                    unmatched_pred.remove(pi)
                    break
    counts.fp = len(unmatched_pred)
    counts.fn = len(unmatched_gold)
    errors += [f"{label} FP: {pred[i][0]}" for i in unmatched_pred]
    errors += [f"{label} FN: {gold[i][0]}" for i in unmatched_gold]
    return counts


def _score(gold: dict[str, Any], text: str, result: ExtractionResult) -> FileScores:
    errors: list[str] = []
    counts: dict[str, Counts] = {}
    gold_people = [(p["name"], _names(p["name"], p.get("aliases"))) for p in gold["people"]]
    gold_orgs = [(o["name"], _names(o["name"], o.get("aliases")))
                 for o in gold["organizations"]]
    counts["people"] = _match_entities(
        [(p.name, _names(p.name, p.aliases)) for p in result.people], gold_people, "person",
        errors)
    counts["organizations"] = _match_entities(
        [(o.name, _names(o.name, o.aliases)) for o in result.organizations], gold_orgs,
        "organization", errors)

    gold_aliases = {name_key(n): keys for n, keys in gold_people + gold_orgs}
    pred_aliases = {p.name: _names(p.name, p.aliases)
                    for p in [*result.people, *result.organizations]}
    qc = Counts()
    matched: set[int] = set()
    for q in result.quotes:
        if q.speaker is None or q.kind == "indirect":  # gold files hold marked quotes only
            continue
        pkeys = pred_aliases.get(q.speaker, _names(q.speaker))
        hit = None
        for gi, g in enumerate(gold["quotes"]):
            gkeys = gold_aliases.get(name_key(g["speaker"]), _names(g["speaker"]))
            overlaps = any(q.start < e and s < q.end for s, e in g["spans"])
            if overlaps and pkeys & gkeys:
                hit = gi
                break
        if hit is None:
            qc.fp += 1
            errors.append(f"quote FP: {q.speaker}: {q.text[:60]!r}")
        elif hit not in matched:
            matched.add(hit)
            qc.tp += 1
    for gi, g in enumerate(gold["quotes"]):
        if gi not in matched:
            qc.fn += 1
            errors.append(f"quote FN: {g['speaker']}: {g['text'][:60]!r}")
    counts["quotes"] = qc

    fc = Counts()
    pool = [(f.kind, f.value, f.currency, f.text) for f in result.figures]
    for g in gold["financial_figures"]:
        key = (g["kind"], Decimal(g["value"]), g.get("currency"))
        idx = next((i for i, p in enumerate(pool) if p[:3] == key), None)
        if idx is None:
            fc.fn += 1
            errors.append(f"figure FN: {g['text']} = {g['value']} {g.get('currency')}")
        else:
            fc.tp += 1
            pool.pop(idx)
    fc.fp = len(pool)
    errors += [f"figure FP: {p[3]} = {p[1]} {p[2]}" for p in pool]
    counts["financial_figures"] = fc

    attributed = []
    for phrase in gold.get("not_quotes", []):
        for q in result.quotes:
            if q.speaker and name_key(phrase) in name_key(q.text):
                attributed.append(phrase)
    return FileScores("", counts, errors, attributed)


def evaluate_file(path: str | Path) -> FileScores:
    """Run :func:`extract` on one gold file's article and score it."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["source_file"]).read_text(encoding="utf-8")
    scores = _score(gold, text, extract(text))
    scores.path = str(path)
    return scores


def evaluate(paths: list[str] | list[Path]) -> Report:
    """Score every gold file and micro-average the counts."""
    files = [evaluate_file(p) for p in paths]
    overall = {t: Counts() for t in TYPES}
    for f in files:
        for t in TYPES:
            overall[t].add(f.counts[t])
    return Report(files, overall)


def _row(label: str, c: Counts) -> str:
    return (f"  {label:<18} P={c.precision:5.3f} R={c.recall:5.3f} F1={c.f1:5.3f}"
            f"  (tp={c.tp} fp={c.fp} fn={c.fn})")


def format_report(report: Report, verbose: bool = False) -> str:
    """Human-readable report: per file, then overall (micro-averaged)."""
    lines: list[str] = []
    for f in report.files:
        lines.append(f"{f.path}")
        lines += [_row(t, f.counts[t]) for t in TYPES]
        if f.attributed_not_quotes:
            lines.append(f"  !! scare quotes attributed: {f.attributed_not_quotes}")
        if verbose:
            lines += [f"    - {e}" for e in f.errors]
    lines.append(f"OVERALL ({len(report.files)} files, micro-averaged)")
    lines += [_row(t, report.overall[t]) for t in TYPES]
    return "\n".join(lines)


def main(paths: list[str]) -> int:
    """Evaluate ``paths`` and print the report. ``-v`` lists every error. Returns 0."""
    verbose = "-v" in paths
    report = evaluate([p for p in paths if p != "-v"])
    print(format_report(report, verbose=verbose))
    return 0


if __name__ == "__main__":  # pragma: no cover
    import sys

    raise SystemExit(main(sys.argv[1:]))
