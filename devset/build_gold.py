"""Build the dev-set gold files from hand-written annotations (``gold_specs.py``).

The annotations name things by their text (people, aliases, quote segments, figure texts); this
script only finds those substrings in the article to compute offsets (never by hand), checks
that each span's text equals what was written, and writes ``NNN-slug.gold.json`` in the
sample's format. Run: ``.venv/bin/python devset/build_gold.py``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gold_specs import SPECS  # noqa: E402


def _flex(s: str) -> str:
    """Regex for ``s`` that accepts a normal or non-breaking space wherever s has a space,
    and a curly or straight apostrophe wherever s has one."""
    out = []
    for ch in s:
        if ch == " ":
            out.append(r"[ \u00a0]")
        elif ch in "'\u2019":
            out.append("['\u2019]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _find_all(text: str, s: str, word: bool = True) -> list[tuple[int, int]]:
    pat = _flex(s)
    if word:
        pat = rf"(?<![\w]){pat}(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pat, text)]


def _find_one(text: str, s: str, occ: int = 0) -> tuple[int, int]:
    hits = _find_all(text, s, word=False)
    if len(hits) <= occ:
        raise SystemExit(f"not found (occurrence {occ}): {s!r}")
    return hits[occ]


def _mentions(text: str, entities: list[dict], taken: list[tuple[int, int]]) -> None:
    forms = []
    for e in entities:
        for f in [e["name"], *e.get("aliases", []), *e.get("forms", [])]:
            if f.startswith(("Dr. ", "Prof. ")):
                continue
            forms.append((f, e))
    forms.sort(key=lambda fe: -len(fe[0]))
    for f, e in forms:
        for s, t in _find_all(text, f):
            if any(a < t and s < b for a, b in taken):
                continue
            taken.append((s, t))
            e.setdefault("_m", []).append([s, t])


def build(slug: str, spec: dict) -> dict:
    """Gold dict for one article."""
    text = (HERE / f"{slug}.txt").read_text(encoding="utf-8")
    title = text.split("\n", 1)[0].strip()
    taken: list[tuple[int, int]] = []
    people = [dict(p) for p in spec["people"]]
    orgs = [dict(o) for o in spec["orgs"]]
    _mentions(text, people + orgs, taken)
    for e in people + orgs:
        if not e.get("_m"):
            raise SystemExit(f"{slug}: no mention of {e['name']}")
        e["mentions"] = sorted(e.pop("_m"))
        e.pop("forms", None)
    quotes = []
    for q in spec["quotes"]:
        spans = [list(_find_one(text, seg)) for seg in q["segments"]]
        for (s, e), seg in zip(spans, q["segments"], strict=True):
            got = " ".join(text[s:e].replace("\u00a0", " ").replace("\u2019", "'").split())
            want = " ".join(seg.replace("\u2019", "'").split())
            assert got == want, (got, want)
        quotes.append({"speaker": q["speaker"], "verb": q["verb"],
                       "text": " … ".join(text[s:e] for s, e in spans), "spans": spans})
    figures = []
    for f in spec["figures"]:
        s, e = _find_one(text, f["text"], f.get("occ", 0))
        item = {"kind": f["kind"], "value": f["value"], "text": text[s:e], "span": [s, e],
                "measures": f["measures"]}
        if f["kind"] == "money":
            item["currency"] = f["currency"]
        if f.get("share_of"):
            item["share_of"] = f["share_of"]
        figures.append(item)
    for phrase in spec.get("not_quotes", []):
        _find_one(text, phrase)
    return {
        "source_file": f"{slug}.txt",
        "article": {"title": title, "url": None, "published_at": None, "language": "en"},
        "people": people,
        "organizations": orgs,
        "affiliations": [{"person": a[0], "organization": a[1], "role": a[2]}
                         for a in spec.get("affiliations", [])],
        "quotes": quotes,
        "financial_figures": figures,
        "not_quotes": spec.get("not_quotes", []),
        "notes": spec.get("notes", []) + [
            "Written for the Dossier dev set; annotated by reading the article. Offsets "
            "computed by devset/build_gold.py (substring search), [start, end) code points."],
    }


def main() -> None:
    """Write every gold file."""
    for slug, spec in SPECS.items():
        gold = build(slug, spec)
        out = HERE / f"{slug}.gold.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(gold['people'])} people, {len(gold['organizations'])} orgs, "
              f"{len(gold['quotes'])} quotes, {len(gold['financial_figures'])} figures")


if __name__ == "__main__":
    main()
