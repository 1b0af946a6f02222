"""Quotes of an article: quoted segments and reported speech, each with its speaker.

Segments come from the quotation marks (:mod:`api.extraction.quote_marks`), speakers from the
attribution passes over the dependency parse (:mod:`api.extraction.attribution`), reported
speech without marks from :mod:`api.extraction.reported`. Every quote has a ``kind``:

- ``direct``: a statement in quotation marks;
- ``partial``: a quoted fragment inside a sentence that paraphrases its speaker
  (``said the plan was “dead on arrival”``);
- ``indirect``: reported speech without marks (``X said (that) CLAUSE``, ``CLAUSE, X said``,
  ``according to X, CLAUSE``);
- ``scare``: a short quoted phrase no one is said to have said (``his “charm offensive”``):
  never attributed, never stored.

A statement interrupted by its attribution (“A,” X said. “B.” / “A,” X said, “B.”), or
quoted fragments of one paraphrase (said it was “A” and “B”), is one quote: see
:func:`join_interrupted`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from api.extraction.attribution import (
    PARTIAL_CONFIDENCE,
    UNATTRIBUTED,
    UNRESOLVED_CONFIDENCE,
    Context,
    Found,
    attribute,
    is_speech_verb,
    method_of,
)
from api.extraction.entity_model import EntityIndex
from api.extraction.quote_marks import Segment, find_segments
from api.extraction.reported import reported_speech
from api.extraction.result import Quote

KINDS = ("direct", "partial", "indirect")  # stored kinds; "scare" is never stored
MAX_JOINED = 10000  # characters of a joined quote (the longest text a quote may store)
_CARRIED = ("continuation", "paragraph_continuation")  # passes that carry a speaker over


def extract_quotes(text: str, norm: str, index: EntityIndex, doc: Doc) -> list[Quote]:
    """Quotes of ``text`` (``norm`` is its length-preserving normal form, ``doc`` its
    parse) with speakers resolved against ``index``, in text order."""
    ctx = Context(norm, doc, index, find_segments(text), text)
    items: list[tuple[Segment, Found | None, Quote]] = []
    for seg, found in zip(ctx.segments, attribute(ctx), strict=True):
        start, end = seg.open + 1, seg.close
        fragment = ctx.is_fragment(seg)
        if found is None:
            kind = "scare" if ctx.is_scare(seg) else ("partial" if fragment else "direct")
            items.append((seg, None, Quote(text[start:end], start, end, None, None, None, None,
                                           *UNATTRIBUTED, kind)))
            continue
        sp = found.speaker
        method, conf = method_of(found)
        if fragment:
            conf = min(conf, PARTIAL_CONFIDENCE)
        if sp.entity is None:
            conf = UNRESOLVED_CONFIDENCE
        items.append((seg, found, Quote(text[start:end], start, end, sp.written,
                                        sp.entity.name if sp.entity else None,
                                        sp.speaker_type, found.verb, method, conf,
                                        "partial" if fragment else "direct")))
    out = join_interrupted(ctx, items)
    out.extend(reported_speech(ctx, text))
    out.sort(key=lambda q: q.start)
    return out


def _same_speaker(a: Found, b: Found) -> bool:
    if a.speaker.entity is not None or b.speaker.entity is not None:
        return a.speaker.entity is b.speaker.entity
    return a.speaker.written.casefold() == b.speaker.written.casefold()


def _interrupts(ctx: Context, a: Segment, fa: Found, b: Segment, fb: Found) -> bool:
    """Whether ``b`` goes on with the statement of ``a`` (the segment before it in the same
    paragraph, same speaker), interrupted only by its attribution or by words of one
    sentence: see :func:`join_interrupted`."""
    if a.para != b.para:
        # a paragraph that opens with a quote and attributes nothing goes on with the quote
        # that ended the previous one
        return fb.method == "paragraph_continuation" and _same_speaker(fa, fb)
    if not _same_speaker(fa, fb):
        return False
    gap = [t for t in ctx.tokens(a.close + 1, b.open) if not t.is_space]
    verbs = [t for t in gap if is_speech_verb(t) or t.lower_ == "according"]
    first, last = ctx.token_at(a.close), ctx.token_at(b.open)
    if first is None or last is None:
        return False
    if verbs:
        # “A,” X said(,|.) “B.”: the one verb in between is the first segment's attribution,
        # and it attributes the second one too (or the second carries it over)
        if len(verbs) > 1 or fa.verb_at is None or verbs[0].idx != fa.verb_at:
            return False
        if fb.verb_at != fa.verb_at:
            return False
        sents = {first.sent.start, last.sent.start}
        # ... or the attribution is a short sentence of its own (“A?” X replied. “B.”)
        return all(t.sent.start in sents for t in gap) or (
            len({t.sent.start for t in gap}) == 1 and len(gap) <= 15)
    # fragments of one paraphrase (said it was “A” and “B”), or “A.” “B,” X said.
    if fb.verb_at is None or fb.verb_at != fa.verb_at:
        return False
    # ... or the rest of the attribution's sentence (“A,” X told Channel 9’s “Today” on
    # Monday. “B.”)
    return first.sent.start == last.sent.start or all(t.is_punct for t in gap) or (
        fb.method == "continuation" and all(t.sent.start == first.sent.start for t in gap))


def join_interrupted(ctx: Context, items: list[tuple[Segment, Found | None, Quote]]
                     ) -> list[Quote]:
    """One quote per statement: consecutive segments attributed to the same speaker are
    joined when what separates them is only the attribution (“A,” X said. “B.”
    / “A,” X said, “B.”) or words of the same sentence (said it was “A” and “B”). The joined
    quote's ``start``/``end`` run from the first segment to the last, its ``text`` is the
    segments' texts joined by a space; speaker, verb, method and confidence are those of the
    attribution (the first segment's, or the first one not carried over from a neighbour),
    ``kind`` the first segment's. A paragraph that continues the previous paragraph's quote
    without an attribution of its own (``paragraph_continuation``) is joined to it too."""
    out: list[Quote] = []
    group: list[tuple[Segment, Found, Quote]] = []

    def flush() -> None:
        if not group:
            return
        if len(group) == 1:
            out.append(group[0][2])
        else:
            head = next((q for _, f, q in group if f.method not in _CARRIED), group[0][2])
            first, last = group[0][2], group[-1][2]
            out.append(replace(head, text=" ".join(q.text for _, _, q in group),
                               start=first.start, end=last.end, kind=first.kind))
        group.clear()

    for seg, found, quote in items:
        if found is None:
            if quote.kind != "scare":  # a name or phrase in the gap does not end a statement
                flush()
            out.append(quote)
            continue
        if group:
            pseg, pfound, _ = group[-1]
            size = sum(len(q.text) + 1 for _, _, q in group) + len(quote.text)
            if size > MAX_JOINED or not _interrupts(ctx, pseg, pfound, seg, found):
                flush()
        group.append((seg, found, quote))
    flush()
    return out
