"""Linking metadata entered by hand to its article body, before it is stored.

A client that posts `metadata` by hand often leaves out what the body already says:

- a person or organization without `mentions` gets the spans where the body names it by
  its name or an alias (whole words; case, accents and typographic quotes ignored), stored
  with `source: matched`. Where names overlap ("Kim" inside "Kim Jong Un") the longest
  wins, and spans given for other entities are never taken;
- a quote with a `speaker_name` but no `speaker` gets the person or organization of the
  payload that the name designates: one whose name or alias it equals, else the only one
  whose name contains all its words, titles aside ("Putin" or "Mr. Putin" for Vladimir
  Putin, "the Kremlin" for Kremlin);
- a quote or figure without `start`/`end` gets the span of its text in the body (a
  figure's within its `sentence` when that is given), the first occurrence not already
  given to another record of its kind.

Pure functions over dicts: no database, no Flask. `link` returns a new metadata dict; the
records it changes are copies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from unidecode import unidecode

#: Words a speaker's name may carry that the entity's name does not ("the Kremlin", "Mr. Kim").
TITLES = frozenset({"the", "mr", "mrs", "ms", "dr", "prof", "sir"})
QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                             "„": '"', "‟": '"', "«": '"', "»": '"'})


def norm(name: str) -> str:
    """Normal form of a name for comparing names within one request (as ingest does)."""
    return " ".join(unidecode(name).lower().split())


def _fold_char(char: str) -> str:
    """`char` without accents, lower-cased, typographic quotes made plain; always one
    character, so offsets in a folded text are offsets in the original."""
    char = char.translate(QUOTE_MARKS)
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    for candidate in (base.lower(), char.lower()):
        if len(candidate) == 1:
            return candidate
    return char


def fold(text: str) -> str:
    """`text` folded character by character (same length, same offsets)."""
    return "".join(_fold_char(c) for c in text)


def _pattern(phrase: str, whole_words: bool) -> re.Pattern[str] | None:
    words = fold(phrase).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)" if whole_words else body)


def occurrences(folded_body: str, phrase: str, *, whole_words: bool = True,
                start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of `phrase` in the folded body, between `start` and `end`."""
    pattern = _pattern(phrase, whole_words)
    if pattern is None:
        return
    for match in pattern.finditer(folded_body, start, len(folded_body) if end is None else end):
        yield match.start(), match.end()


def _overlaps(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def match_mentions(metadata: dict, folded_body: str) -> None:
    """Give every person and organization without mentions its `matched_mentions`."""
    taken = [(s["start"], s["end"]) for kind in ("people", "organizations")
             for entity in metadata[kind] for s in entity.get("mentions") or []]
    candidates: list[tuple[int, int, str, int]] = []
    for kind in ("people", "organizations"):
        for index, entity in enumerate(metadata[kind]):
            if entity.get("mentions"):
                continue
            for name in dict.fromkeys([entity["name"], *entity.get("aliases", [])]):
                candidates.extend((s, e, kind, index) for s, e in occurrences(folded_body, name))
    found: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for start, end, kind, index in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            found.setdefault((kind, index), []).append((start, end))
    for (kind, index), spans in found.items():
        metadata[kind][index] = {**metadata[kind][index], "matched_mentions": [
            {"start": s, "end": e} for s, e in sorted(spans)]}


def resolve_speaker(name: str, metadata: dict) -> str | None:
    """The name of the person or organization of the payload that `name` designates."""
    wanted = norm(name)
    entities = [e for kind in ("people", "organizations") for e in metadata[kind]]
    for entity in entities:
        if wanted in {norm(n) for n in [entity["name"], *entity.get("aliases", [])]}:
            return entity["name"]
    words = {w.strip(".") for w in wanted.split()} - TITLES
    if not words:
        return None
    containing = [e for e in entities
                  if any(words <= set(norm(n).split())
                         for n in [e["name"], *e.get("aliases", [])])]
    return containing[0]["name"] if len(containing) == 1 else None


def _locate(records: list[dict], folded_body: str, key: str, *,
            within: str | None = None) -> None:
    """Give records without a span the first free occurrence of their `key` text."""
    taken = [(r["start"], r["end"]) for r in records if r.get("start") is not None]
    for i, record in enumerate(records):
        text = record.get(key)
        if record.get("start") is not None or record.get("end") is not None or not text:
            continue
        bounds: list[tuple[int, int | None]] = [(0, None)]
        sentence = record.get(within) if within else None
        if sentence:
            bounds = [*list(occurrences(folded_body, sentence, whole_words=False)), (0, None)]
        for lo, hi in bounds:
            span = next((s for s in occurrences(folded_body, text,
                                                start=lo, end=hi)
                         if not _overlaps(s, taken)), None)
            if span is not None:
                taken.append(span)
                records[i] = {**record, "start": span[0], "end": span[1]}
                break


def link(metadata: dict, body: str) -> dict:
    """`metadata` with matched mentions, resolved speakers and located spans added."""
    linked: dict[str, Any] = {**metadata}
    for kind in ("people", "organizations", "quotes", "financial_figures"):
        linked[kind] = list(metadata.get(kind) or [])
    folded_body = fold(body)
    match_mentions(linked, folded_body)
    for i, quote in enumerate(linked["quotes"]):
        if not quote.get("speaker") and quote.get("speaker_name"):
            speaker = resolve_speaker(quote["speaker_name"], linked)
            if speaker is not None:
                linked["quotes"][i] = {**quote, "speaker": speaker}
    _locate(linked["quotes"], folded_body, "text")
    _locate(linked["financial_figures"], folded_body, "text", within="sentence")
    return linked
