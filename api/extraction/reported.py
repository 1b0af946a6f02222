"""Reported speech without quotation marks: ``kind="indirect"`` quotes.

Three shapes, read off the dependency parse of each sentence that holds no quotation mark:

- ``X said (that) CLAUSE`` and ``CLAUSE, X said``: a verb of ``rules/reported_verbs`` with a
  clausal complement (``ccomp``) and a subject; the quote is the clause (without ``that``);
- ``according to X, CLAUSE`` / ``CLAUSE, according to X``: the rest of the sentence.

The speaker is resolved as for direct quotes and must be someone: a person or organization of
the article, a pronoun that resolves to one, or a proper name.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from api.extraction.attribution import Context, is_verb, subject_of
from api.extraction.result import Quote
from api.extraction.rules import verb_forms
from api.extraction.speakers import Speaker

_MARKS = set("“”\"„«»")
MIN_TOKENS = 4
INDIRECT_CONFIDENCE = {"speech_verb": 0.7, "organization": 0.65, "according_to": 0.65,
                       "role": 0.55, "pronoun": 0.55}


def _clause(tokens: list[Token]) -> tuple[int, int] | None:
    toks = list(tokens)
    while toks and (toks[0].dep_ == "mark" or toks[0].is_punct or toks[0].lower_ == "that"):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    if len(toks) < MIN_TOKENS:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _usable(sp: Speaker | None) -> bool:
    return sp is not None and (sp.entity is not None or sp.kind == "person")


def _from_verb(ctx: Context, sent: Span) -> list[tuple[tuple[int, int], Speaker, str, str]]:
    out = []
    for v in sent:
        if not is_verb(v) or v.lower_ not in verb_forms("reported_verbs"):
            continue
        comps = [c for c in v.children if c.dep_ == "ccomp"]
        subj = subject_of(v)
        if not comps or subj is None or subj.dep_ == "nsubjpass":
            continue
        span = _clause(list(comps[0].subtree))
        sp = ctx.resolver.resolve(subj)
        if span and _usable(sp):
            assert sp is not None
            out.append((span, sp, v.text, sp.method if sp.method != "speech_verb"
                        else "speech_verb"))
    return out


def _according(ctx: Context, sent: Span) -> list[tuple[tuple[int, int], Speaker, str, str]]:
    for t in sent:
        if t.lower_ != "according" or t.i + 1 >= len(t.doc) or t.nbor(1).lower_ != "to":
            continue
        objs = [c for c in t.nbor(1).children if c.dep_ == "pobj"] or \
            [c for c in t.children if c.dep_ == "pobj"]
        if not objs:
            continue
        phrase = sorted({*t.subtree, *t.nbor(1).subtree}, key=lambda x: x.i)
        lo, hi = phrase[0].i, phrase[-1].i
        before = [x for x in sent if x.i < lo]
        after = [x for x in sent if x.i > hi]
        span = _clause(after) if len(after) >= len(before) else _clause(before)
        sp = ctx.resolver.resolve(objs[0])
        if span and _usable(sp):
            assert sp is not None
            return [(span, sp, "according to", "according_to")]
    return []


def reported_speech(ctx: Context, text: str) -> list[Quote]:
    """Indirect quotes of the article, one per reporting verb (or "according to")."""
    out: list[Quote] = []
    for sent in ctx.doc.sents:
        if any(c in _MARKS for c in sent.text) or "\n" in sent.text.strip():
            continue
        found = _according(ctx, sent) or _from_verb(ctx, sent)
        taken: list[tuple[int, int]] = []
        for (start, end), sp, verb, method in found:
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            conf = INDIRECT_CONFIDENCE.get(method, 0.7)
            if sp.entity is None:
                conf = 0.3
            out.append(Quote(text[start:end], start, end, sp.written,
                             sp.entity.name if sp.entity else None, sp.speaker_type, verb,
                             method, conf, "indirect"))
    return out
