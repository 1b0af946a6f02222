"""Quote attribution on real news: PolNeAR's training split, scored with its own metric.

    python -m bench.polnear [--dir ../shared/corpora/polnear-train] [--part tune|report|both]
                            [--limit N] [--errors]

The corpus (human-annotated attributions in US political news) is read at run time from the
shared folder next to the repository (or one level further up) and never copied into the
project; without it the benchmark says so and exits 0. Its ``score.py`` is imported from the
same folder and run unchanged: only its ``predict`` (an HTTP call) is replaced by the
in-process path of ``POST /v1/extract`` (:func:`api.extraction.extract`, dumped through the
endpoint's response schema), and its article list is filtered to one part.

The split is fixed, by publisher, so that no article of a part shares its house style with
the other: rules are tuned on ``tune`` and only reported on ``report``.

score.py is run twice per part: on the quotes as /v1/extract returns them (``all``) and on
the quotes in quotation marks only (``marked``: reported speech, ``kind`` ``indirect``, left
out). score.py's gold holds only quotes with marks, so in ``all`` every reported-speech quote
counts against precision; ``marked`` is the number comparable with its gold.

Besides score.py's three numbers, the indirect-speech score
follows this stated rule: a gold indirect quote is an attribution whose content span holds no
quotation mark, has a source span and a cue, and is at most 400 characters; a predicted quote
of ``kind`` ``indirect`` matches it when their spans overlap by at least half of the shorter
one (as score.py); every unmatched indirect prediction counts against precision; the speaker is
right by score.py's rule.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = [base / "shared" / "corpora" / "polnear-train" for base in (ROOT.parent,
                                                                          ROOT.parents[1])]
DEFAULT_DIR = next((p for p in CANDIDATES if p.exists()), CANDIDATES[0])
PARTS = {
    "tune": ("breitbart", "huff-post", "nyt"),
    "report": ("politico", "usa-today", "wash-post", "west-journal"),
}
QUOTE_MARKS = re.compile(r"[\"“”]")
MAX_INDIRECT = 400


def load_scorer(folder: Path) -> ModuleType:
    """The corpus' own score.py, imported from ``folder``."""
    spec = importlib.util.spec_from_file_location("polnear_score", folder / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def publisher(stem: str) -> str:
    return stem.split("_", 1)[0]


class Extractor:
    """The in-process path of ``POST /v1/extract``; remembers each article's output."""

    def __init__(self) -> None:
        from api import extraction
        from schemas.extraction import ExtractionSchema

        self._extract = extraction.extract
        self._schema = ExtractionSchema()
        self.outputs: dict[str, dict[str, Any]] = {}
        self.seconds = 0.0
        self.marked_only = False

    def __call__(self, _url: str, text: str) -> dict[str, Any]:
        out = self.outputs.get(text)
        if out is None:
            started = time.perf_counter()
            out = self._schema.dump(self._extract(text).to_dict())
            self.seconds += time.perf_counter() - started
            self.outputs[text] = out
        if self.marked_only:
            out = {**out, "quotes": [q for q in out.get("quotes", [])
                                     if q.get("kind") != "indirect"]}
        return out


def gold_indirect(score: ModuleType, ann: str, text: str) -> list[dict[str, Any]]:
    """Gold indirect quotes of one article, by the rule in the module docstring."""
    spans: dict[str, tuple[int, int]] = {}
    rels = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            _kind, *offs = parts[1].split(" ")
            pieces = " ".join(offs).split(";")
            spans[parts[0]] = (int(pieces[0].split()[0]), int(pieces[-1].split()[-1]))
        elif line.startswith("E"):
            rels.append(dict(r.split(":") for r in parts[1].split(" ") if ":" in r))
    out = []
    for r in rels:
        c, src, cue = spans.get(r.get("Content", "")), spans.get(r.get("Source", "")), \
            spans.get(r.get("Cue", ""))
        if not (c and src and cue) or QUOTE_MARKS.search(text[c[0]:c[1]]):
            continue
        if c[1] - c[0] > MAX_INDIRECT:
            continue
        out.append({"start": c[0], "end": c[1], "source": text[src[0]:src[1]]})
    return out


def later_segments(score: ModuleType, folder: Path, stems: list[str],
                   outputs: dict[str, dict[str, Any]]) -> int:
    """Attributed quotes in marks that score.py counts against precision although they
    overlap a gold quote by half: the later segments of one annotated attribution
    ("“A,” X said. “B.”" is one attribution in the corpus, two quotes here)."""
    count = 0
    for stem, text, gold in score.load(argparse.Namespace(dir=str(folder), repo=None,
                                                          split=None)):
        if stem not in stems or text not in outputs:
            continue
        used: set[int] = set()
        for q in outputs[text].get("quotes", []):
            if q.get("kind") == "indirect" or q.get("start") is None:
                continue
            hit = next((i for i, g in enumerate(gold) if i not in used and score.overlap(
                (q["start"], q["end"]), (g["start"], g["end"])) >= 0.5), None)
            if hit is not None:
                used.add(hit)
            elif (q.get("speaker") or q.get("speaker_name")) and any(score.overlap(
                    (q["start"], q["end"]), (g["start"], g["end"])) >= 0.5 for g in gold):
                count += 1
    return count


def speaker_right(score: ModuleType, q: dict[str, Any], source: str | None) -> bool:
    """score.py's speaker rule."""
    as_written = q.get("speaker_name") or ""
    return bool(source) and (
        (as_written and (as_written.lower() in source.lower()
                         or source.lower() in as_written.lower()))
        or bool(score.words(q.get("speaker")) & score.words(source)))


def indirect_scores(score: ModuleType, folder: Path, stems: list[str],
                    outputs: dict[str, dict[str, Any]]) -> dict[str, float]:
    tp = fp = fn = right = 0
    for stem in stems:
        text = (folder / "text" / f"{stem}.txt").read_text()
        anns = sorted((folder / "attributions").glob(f"{stem}_*.ann"))
        if not anns or text not in outputs:
            continue
        gold = gold_indirect(score, anns[0].read_text(), text)
        pred = [q for q in outputs[text].get("quotes", []) if q.get("kind") == "indirect"]
        used: set[int] = set()
        for q in pred:
            hit = next((i for i, g in enumerate(gold) if i not in used and score.overlap(
                (q["start"], q["end"]), (g["start"], g["end"])) >= 0.5), None)
            if hit is None:
                fp += 1
                continue
            used.add(hit)
            tp += 1
            right += speaker_right(score, q, gold[hit]["source"])
        fn += len(gold) - len(used)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    ps = right / (tp + fp) if tp + fp else 1.0
    rs = right / (tp + fn) if tp + fn else 1.0
    return {"indirect_gold": tp + fn, "indirect_pred": tp + fp,
            "indirect_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "indirect_speaker_f1": 2 * ps * rs / (ps + rs) if ps + rs else 0.0}


def _snippet(text: str, start: int, end: int, before: int, after: int) -> str:
    """``text[start:end]`` marked ⟦…⟧ with ``before`` and ``after`` characters around it,
    on one line."""
    return " ".join((text[max(0, start - before):start] + "⟦" + text[start:end] + "⟧"
                     + text[end:end + after]).split())


def show_errors(score: ModuleType, args: Any, outputs: dict[str, dict[str, Any]]) -> None:
    """Each missed, unattributed or misattributed gold quote, to stderr (development aid;
    the corpus' text is shown on the terminal only, never written anywhere)."""
    for stem, text, gold in score.load(args):
        out = outputs.get(text)
        if out is None:
            continue
        pred = [q for q in out.get("quotes", []) if q.get("start") is not None]
        for g in gold:
            hit = next((q for q in pred if score.overlap(
                (q["start"], q["end"]), (g["start"], g["end"])) >= 0.5), None)
            snippet = _snippet(text, g["start"], g["end"], 150, 120)
            if hit is None:
                print(f"MISS {stem} src={g['source']!r}\n   {snippet}", file=sys.stderr)
            elif not (hit.get("speaker") or hit.get("speaker_name")):
                print(f"NOSPK {stem} src={g['source']!r} method={hit.get('method')}\n"
                      f"   {snippet}", file=sys.stderr)
            elif not speaker_right(score, hit, g["source"]):
                print(f"WRONG {stem} src={g['source']!r} got={hit.get('speaker_name')!r}/"
                      f"{hit.get('speaker')!r} method={hit.get('method')}\n   {snippet}",
                      file=sys.stderr)
        used: set[int] = set()
        for q in pred:
            if q.get("kind") == "indirect":
                continue
            hit = next((i for i, g in enumerate(gold) if i not in used and score.overlap(
                (q["start"], q["end"]), (g["start"], g["end"])) >= 0.5), None)
            if hit is not None:
                used.add(hit)
            elif q.get("speaker") or q.get("speaker_name"):
                twin = any(score.overlap((q["start"], q["end"]), (g["start"], g["end"])) >= 0.5
                           for g in gold)
                snippet = _snippet(text, q["start"], q["end"], 100, 80)
                print(f"FP {stem} kind={q.get('kind')} got={q.get('speaker_name')!r} "
                      f"method={q.get('method')} {'second-segment' if twin else ''}\n"
                      f"   {snippet}", file=sys.stderr)


def run_part(score: ModuleType, folder: Path, part: str, extractor: Extractor,
             limit: int, errors: bool, marked_only: bool) -> dict[str, Any]:
    """score.py's main() on one part; its per-article lines become a progress count.
    ``marked_only`` leaves reported speech (``kind`` ``indirect``) out of what score.py sees."""
    allowed = PARTS[part]
    original_files = score.files

    def files(args: Any):
        for stem, text, ann in original_files(args):
            if publisher(stem) in allowed:
                yield stem, text, ann

    stems = [p.stem for p in sorted((folder / "text").glob("*.txt"))
             if publisher(p.stem) in allowed]
    if limit:
        stems = stems[:limit]
    score.files = files
    score.predict = extractor
    extractor.marked_only = marked_only
    argv = sys.argv
    sys.argv = ["score.py", "--dir", str(folder), "--limit", str(limit)]
    out = io.StringIO()
    progress = _Progress(part, len(stems)) if not extractor.outputs or not marked_only \
        else io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(progress):
            score.main()
    finally:
        score.files, sys.argv = original_files, argv
    if errors:
        show_errors(score, argparse.Namespace(dir=str(folder), repo=None, split=None),
                    extractor.outputs)
    lines = out.getvalue().strip().splitlines()
    result: dict[str, Any] = dict(kv.split("=") for line in lines[-2:] for kv in line.split())
    result.update(indirect_scores(score, folder, stems, extractor.outputs))
    result["later_segments"] = later_segments(score, folder, stems, extractor.outputs)
    return result


class _Progress(io.TextIOBase):
    """Counts score.py's per-article lines and shows a one-line progress on stderr."""

    def __init__(self, part: str, total: int) -> None:
        self.part, self.total, self.done = part, total, 0

    def write(self, s: str) -> int:
        self.done += s.count("\n")
        sys.__stderr__.write(f"\r  {self.part}: {self.done}/{self.total} articles")
        if self.done >= self.total:
            sys.__stderr__.write("\n")
        return len(s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--part", choices=("tune", "report", "both"), default="both")
    ap.add_argument("--limit", type=int, default=0, help="articles per part (0: all)")
    ap.add_argument("--errors", action="store_true",
                    help="list missed and misattributed gold quotes on stderr")
    a = ap.parse_args(argv)
    if not (a.dir / "score.py").exists():
        print(f"PolNeAR not found at {a.dir}: skipped")
        return 0
    score = load_scorer(a.dir)
    extractor = Extractor()
    parts = ("tune", "report") if a.part == "both" else (a.part,)
    from api.extraction import EXTRACTOR_VERSION

    print(f"extractor {EXTRACTOR_VERSION}; tune = {', '.join(PARTS['tune'])}; "
          f"report = {', '.join(PARTS['report'])}")
    for part in parts:
        marked: dict[str, Any] = {}
        for marked_only in (True, False):
            r = run_part(score, a.dir, part, extractor, a.limit, a.errors and marked_only,
                         marked_only)
            quotes = "marked" if marked_only else "all"
            if marked_only:
                marked = r
            print(f"{part:6s} {quotes:6s} articles={r['articles']} gold={r['gold']} "
                  f"tp={r['tp']} fp={r['fp']} fn={r['fn']} attributed={r['attributed']} "
                  f"right={r['right']} quotes_f1={r['quotes_f1']} "
                  f"speaker_acc={r['speaker_acc']} quotes_speaker_f1={r['quotes_speaker_f1']}")
        print(f"{part:6s} indirect gold={r['indirect_gold']} pred={r['indirect_pred']} "
              f"f1={r['indirect_f1']:.2f} speaker_f1={r['indirect_speaker_f1']:.2f}")
        right, fp = int(marked["right"]), int(marked["fp"])
        n = int(marked["tp"]) + int(marked["fn"])
        later = marked["later_segments"]
        pred = int(marked["tp"]) + fp - later
        f1 = 2 * right / (pred + n) if pred + n else 0.0
        print(f"{part:6s} diagnostic: {later} of the fp are later segments of one annotated "
              f"attribution; without them marked quotes_speaker_f1 would be {f1:.2f}")
    print(f"extraction time {extractor.seconds:.1f} s for {len(extractor.outputs)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
