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
"""

from __future__ import annotations

from spacy.tokens import Doc

from api.extraction.attribution import (
    PARTIAL_CONFIDENCE,
    UNATTRIBUTED,
    UNRESOLVED_CONFIDENCE,
    Context,
    attribute,
    method_of,
)
from api.extraction.entity_model import EntityIndex
from api.extraction.quote_marks import find_segments
from api.extraction.reported import reported_speech
from api.extraction.result import Quote

KINDS = ("direct", "partial", "indirect")  # stored kinds; "scare" is never stored


def extract_quotes(text: str, norm: str, index: EntityIndex, doc: Doc) -> list[Quote]:
    """Quotes of ``text`` (``norm`` is its length-preserving normal form, ``doc`` its
    parse) with speakers resolved against ``index``, in text order."""
    ctx = Context(norm, doc, index, find_segments(text))
    out: list[Quote] = []
    for seg, found in zip(ctx.segments, attribute(ctx), strict=True):
        start, end = seg.open + 1, seg.close
        fragment = ctx.is_fragment(seg)
        if found is None:
            kind = "scare" if ctx.is_scare(seg) else ("partial" if fragment else "direct")
            out.append(Quote(text[start:end], start, end, None, None, None, None,
                             *UNATTRIBUTED, kind))
            continue
        sp = found.speaker
        method, conf = method_of(found)
        if fragment:
            conf = min(conf, PARTIAL_CONFIDENCE)
        if sp.entity is None:
            conf = UNRESOLVED_CONFIDENCE
        out.append(Quote(text[start:end], start, end, sp.written,
                         sp.entity.name if sp.entity else None, sp.speaker_type, found.verb,
                         method, conf, "partial" if fragment else "direct"))
    out.extend(reported_speech(ctx, text))
    out.sort(key=lambda q: q.start)
    return out
