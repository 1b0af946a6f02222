"""Who said each quoted segment: named passes over the dependency parse, tried in order.

:data:`PASSES` is the one ordered list, each pass with the method it reports and its
confidence; :data:`SPEAKER_METHODS` are the methods of how a speaker was resolved. A pass
gets the article context and one segment and returns a :class:`Found` (a speaker and the
verb as written) or None; the first that answers wins.

- ``speech_verb``: the speech verb (``rules/speech_verbs``) that governs the quote in the
  parse, or that the quote governs ("“…,” X said"; "X said: “…”"; "X said the plan was
  “dead”"; "“…,” said X"; "X, 70, told the anchor"; "rallied supporters, saying “…”"); the
  speaker is that verb's subject (or its head verb's, for "saying"/"and added"; the issuer's
  for "released a statement saying"); a verb with no subject takes the speaker of a speech
  verb above it ("X talked about continuing the “…”"), and a subject that names no one the
  speaker of a speech verb it is reported under ("X said the files suggest “…”").
  A short phrase inside a sentence (a possible scare quote) is attributed only by this pass,
  and only when the verb comes before it. A passive verb's speaker is its agent; a dateline
  or date parsed as the subject gives way to the person named right before the verb.
- ``surface``: when the parse links no speech verb to the quote, one within a few words
  after the closing mark or right before the opening one.
- ``fragment``: a quoted fragment whose sentence the parse got wrong: the nearest speech
  verb before it with a subject that is someone.
- ``according_to``: "according to X" or "in X's words" in the quote's sentence.
- ``colon``: a clause ending in a colon right before the quote ("Smith put it bluntly: “…”";
  "The result does not surprise pollster Dana Reyes: “…”").
- ``adjacent``: the quote is a sentence of its own and the next one is just "X said.".
- ``continuation``: a quote right after an attributed one in the same paragraph, with no
  other speech verb in between ("“A,” X said. “B.”").
- ``paragraph_continuation``: a paragraph that opens with a quote and attributes nothing
  continues the quote that ended the previous paragraph.
- ``previous_sentence``: a quote opening a sentence right after one of its paragraph whose
  speech verb has a named subject ("Carson tells the paper. “…”").
- ``previous_paragraph``: a paragraph that opens with a quote after a paragraph whose last
  sentence has a speech verb with a named subject ("Ortiz described it as a failure.").
- ``speech_noun``: a quote held by a noun for something said, with a possessor ("his
  warning that “…”", "Ruiz’s “green wave” remark", "the senator’s answer was that “…”").
- ``clause_subject``: a quoted fragment behind a verb that is no speech verb ("Ruiz
  delivered a defense of “…”"): the named subject of the nearest verb up the parse.
- ``sentence_subject`` (heuristic, last): a quote no other pass attributes, in a sentence
  whose main verb has a subject that is a person or organization of the article ("Ruiz
  defended the plan, calling it an “absolute necessity”"). Lowest confidence.

A quote in the article's title (a short first paragraph with text after it) gets no speaker:
its quoted words digest a quote of the body; nor does the name of a show or work
(:meth:`Context.is_name`).

Resolving the subject to an entity (full name, surname, title, role, pronoun) is
:mod:`api.extraction.speakers`; a pronoun speaker gets method ``pronoun``, a role ``role``, an
organization ``organization``, whatever pass found them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.quote_marks import Segment
from api.extraction.rules import phrase_forms, terms, verb_forms
from api.extraction.speakers import Speaker, SpeakerResolver

_MARKS = set("“”\"„«»‘’'")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_BY = ("by", "after", "before", "while")  # "…, by saying “…”": the verb's subject says it
_OBJECT_DEPS = ("prt", "advmod", "dobj", "dative", "det", "amod", "compound", "poss", "pobj",
                "prep", "case")
_BREAKS = ("-", "—", "–", "]", ")", ".", "|")
_NAMING = ("call", "dub", "term")  # "what X calls “…”": X's own words for it
_NOT_SPEAKERS = {"GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "EVENT", "WORK_OF_ART"}
_PLACES_AND_TIMES = ("DATE", "TIME", "GPE", "LOC")  # a subject the parse took from a dateline


# How a speaker was resolved, when that says more than the pass that found it, and how far
# that is trusted (the lower of this and the pass's confidence counts).
SPEAKER_METHODS: dict[str, float] = {"pronoun": 0.7, "role": 0.7, "organization": 0.85}
PARTIAL_CONFIDENCE = 0.75  # a fragment inside a paraphrase: less sure than a full quote
UNRESOLVED_CONFIDENCE = 0.3  # a speaker as written that names no entity
TITLE_WORDS = 20  # a first paragraph this short, with text after it, is the title
NAME_WORDS = 6  # a capitalised fragment this short is a name (see Context.is_name)


@dataclass
class Found:
    speaker: Speaker
    verb: str | None
    method: str
    verb_at: int | None = None  # offset of the verb token, when there is one


class Context:
    """One article: text, parse, entities and its quote segments."""

    def __init__(self, text: str, doc: Doc, index: EntityIndex, segments: list[Segment],
                 original: str | None = None):
        self.text = text
        self.doc = doc
        self.index = index
        self.segments = segments
        self._opens = [s.open for s in segments]
        self.resolver = SpeakerResolver(text, doc, index, self.inside_quote, original)
        self.found: dict[int, Found] = {}  # segment index -> attribution
        self._tok_starts = [t.idx for t in doc]
        self._first_para = segments[0].para if segments and not text[:segments[0].para[0]].strip() \
            else None

    def inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and self.segments[i].open <= pos <= self.segments[i].close

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens starting in ``[start, end)``."""
        i = bisect_right(self._tok_starts, start - 1)
        out = []
        while i < len(self.doc) and self.doc[i].idx < end:
            out.append(self.doc[i])
            i += 1
        return out

    def token_at(self, pos: int) -> Token | None:
        i = bisect_right(self._tok_starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def in_title(self, seg: Segment) -> bool:
        """A quote in the article's title: the first paragraph, short (at most
        :data:`TITLE_WORDS` words), not opening with a quote, with more text after it. A
        title's quoted words are the editor's digest of a quote told in the body
        ("Mayor Calls Plan ‘Reckless’"), not a statement of their own."""
        first = self._first_para
        if first is None or seg.para != first:
            return False
        line = self.text[first[0]:first[1]].strip()
        return bool(line) and line[0] not in _MARKS and len(line.split()) <= TITLE_WORDS \
            and bool(self.text[first[1]:].strip())

    def is_fragment(self, seg: Segment) -> bool:
        """A quote that continues a sentence begun outside it ("said the plan was “dead”")."""
        before = self.text[seg.para[0]:seg.open].rstrip()
        return bool(before) and (before[-1].isalnum() or before[-1] in "'’%)")

    def is_name(self, seg: Segment) -> bool:
        """A fragment of a few words, each capitalised, right after a possessive or a
        preposition: the name of a show, book or programme ("told CBS’s “Face the
        Nation,”", "an interview on “Meet the Press”"), no one's words. Not after "as" or
        "like" ("refers to him as “Mr. Reyes”" may be someone's). After a noun for a work
        (``rules/work_nouns``, "the podcast “Small Hours,”", "his play, “Harbour.”") one
        capitalised word is a name too."""
        inner = self.text[seg.open + 1:seg.close].strip()
        words = inner.split()
        if not (1 <= len(words) <= NAME_WORDS and _title_case(words)):
            return False
        before = self.token_at(seg.open - 1)
        if before is None:
            return False
        work = before.doc[before.i - 1] if before.text == "," and before.i > 0 else before
        if work.tag_.startswith("NN") and work.lower_ in terms("work_nouns"):
            return True
        if not (len(words) >= 2 and inner[-1:] not in "!?…" and self.is_fragment(seg)):
            return False
        return before.tag_ == "POS" or before.tag_ == "IN" and before.lower_ not in ("as", "like")

    def is_scare(self, seg: Segment) -> bool:
        """Short, mid-sentence, without final punctuation: a phrase, not a statement; or
        the name of a work (:meth:`is_name`)."""
        inner = self.text[seg.open + 1:seg.close].strip()
        if len(inner.split()) >= 5 or inner[-1:] in ",.!?…":
            return self.is_name(seg)
        return self.is_fragment(seg)


def is_verb(tok: Token) -> bool:
    """A verb by its fine-grained tag (the pipeline runs no attribute ruler)."""
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def is_speech_verb(tok: Token) -> bool:
    """A form of a verb of ``rules/speech_verbs``, tagged as a verb; or of a phrase of
    ``rules/speech_phrases`` with its word hanging from it ("as Ruiz put it, “…”")."""
    words = phrase_forms("speech_phrases").get(tok.lower_)
    if words and is_verb(tok) and any(c.lower_ in words for c in tok.children):
        return True
    return tok.lower_ in verb_forms("speech_verbs") and (is_verb(tok) or tok.lower_ == "said")


def subject_of(verb: Token, skip: Callable[[int], bool] | None = None) -> Token | None:
    """The subject of ``verb``, or of the verb it hangs from ("…, saying", "and added");
    ``skip(offset)`` rules out subjects (those inside a quote)."""
    node, hops = verb, 0
    while node is not None and hops < 3:
        if node.i != verb.i and skip and skip(node.idx) and node.head.i != node.i:
            # a quoted verb ("told X that Y “had …,” adding, “…”"): its subject is the
            # quote's topic; the speaker is further up
            node, hops = node.head, hops + 1
            continue
        subj = [c for c in node.children if c.dep_ in _SUBJECTS
                and not (skip and skip(c.idx))]
        if subj:  # two subjects: a dateline parsed as one ("WASHINGTON — A spokesman said")
            before = [c for c in subj if c.i < node.i]
            return before[-1] if before else subj[0]
        if node.dep_ in ("conj", "advcl", "xcomp", "parataxis") and node.head.i != node.i:
            node, hops = node.head, hops + 1
            continue
        if node.dep_ == "pcomp" and node.head.lower_ in _BY and node.head.head.i != node.head.i:
            node, hops = node.head.head, hops + 1  # "explained it by saying"
            continue
        if node.dep_ == "acl" and node.head.dep_ == "dobj" and node.head.head.i != node.head.i:
            node, hops = node.head.head, hops + 1  # "released a statement saying"
            continue
        return None
    return None


def _within(ctx: Context, tok: Token, seg: Segment) -> bool:
    return seg.open <= tok.idx <= seg.close


def _dateline(ctx: Context, tok: Token) -> bool:
    """A dateline or a time taken for a subject ("WASHINGTON —", "6:50 p.m."); capitals
    that name an organization of the article ("NATO") are not."""
    first = tok.doc[tok.left_edge.i]
    text = tok.doc[tok.left_edge.i:tok.i + 1].text
    if text.isupper() and len(text) > 2:
        return not ctx.resolver.mentions_in(first.idx, tok.idx + len(tok))
    return bool(
        re.fullmatch(r"\d{1,2}(:\d\d)?\s*[ap]\.?m\.?", text, re.IGNORECASE))


def _resolve(ctx: Context, tok: Token, verb: Token | None, method: str) -> Found | None:
    if _dateline(ctx, tok) or (tok.lower_ == "it" and not is_speech_verb(tok.head)):
        return None  # ("it is unrealistic to think …": no one)
    sp = ctx.resolver.resolve(tok)
    if sp is None:
        return None
    return Found(sp, verb.text if verb is not None else None, method,
                 verb.idx if verb is not None else None)


def governing_verb(ctx: Context, seg: Segment) -> Token | None:
    """The speech verb outside the quote that governs it, or that hangs from it."""
    toks = [t for t in ctx.tokens(seg.open, seg.close + 1) if t.text not in _MARKS]
    if not toks:
        return None
    scare = ctx.is_scare(seg)
    anchors: list[Token] = []
    for t in toks:
        h, steps = t, 0
        while _within(ctx, h, seg) and h.head.i != h.i and steps < 50:
            h, steps = h.head, steps + 1
        if not _within(ctx, h, seg) and h not in anchors:
            anchors.append(h)
    weak = terms("weak_speech_verbs")
    for a in anchors:
        node, hops = a, 0
        while hops < 6:
            if is_speech_verb(node) and not ctx.inside_quote(node.idx) and (
                    hops == 0 or verb_forms("speech_verbs").get(node.lower_) not in weak):
                if not scare or node.i < toks[0].i:
                    return node
                return None
            if node.head.i == node.i:
                break
            node, hops = node.head, hops + 1
    if scare:
        return None
    sents = {t.sent.start for t in toks}
    for t in toks[0].doc[min(sents):max(t.sent.end for t in toks)]:
        if not _within(ctx, t, seg) and _within(ctx, t.head, seg) and is_speech_verb(t):
            return t
    return None


def _next_to(ctx: Context, seg: Segment, verb: Token) -> Found | None:
    """The speaker written between the quote and its verb ("“…,” NAME, ROLE, said") or
    right after a verb that follows the quote ("“…,” said NAME")."""
    toks = ctx.tokens(seg.close + 1, verb.idx)
    if verb.idx > seg.close and len(toks) <= 20 and not any(
            ctx.inside_quote(t.idx) for t in toks):
        sp = ctx.resolver.resolve_chunk(toks) if toks and any(
            not t.is_punct and not t.is_space for t in toks) else None
        if sp is None and verb.tag_ != "VBG" and all(t.is_punct or t.is_space for t in toks):
            after = [t for t in verb.doc[verb.i + 1:verb.i + 12] if not ctx.inside_quote(t.idx)]
            sp = ctx.resolver.resolve_chunk(after)
        if sp is not None:
            return Found(sp, verb.text, "speech_verb", verb.idx)
    return None


def _named_before(ctx: Context, verb: Token) -> Found | None:
    """A person or organization of the article named right before the verb, past a
    bracket ("Sen. Ana Ruiz (D-Vt.) said"), when the parse gave the verb no subject that is
    someone (a date, a place, or a name it took for an apposition: "Sunday, asked about
    Reyes, Senator Ana Ruiz said")."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].head.i == verb.i:
        i -= 1
    if i >= 0 and doc[i].text == ")":
        k = i - 1
        while k >= max(0, i - 8) and doc[k].text != "(":
            k -= 1
        i = k - 1 if k >= 0 and doc[k].text == "(" else -1
    if i < 0 or doc[i].sent.start != verb.sent.start or ctx.inside_quote(doc[i].idx):
        return None
    named = _named_at(ctx, doc[i], ("PERSON", "ORG"), "speech_verb", verb)
    if named is None and doc[i].tag_ in ("NN", "NNS") and doc[i].dep_ == "appos" and any(
            c.dep_ == "det" for c in doc[i].lefts):
        # "…, with hosts Joe Ames and Mia Berg, the candidate stated that": the parse hung
        # the verb's subject on the names before it, so it is not one of them either
        found = _resolve(ctx, doc[i], verb, "speech_verb")
        head = doc[i].head
        if found is not None and found.speaker.entity is not None and any(
                e is found.speaker.entity for _, e in
                ctx.resolver.mentions_in(head.idx, head.idx + len(head))):
            sp = found.speaker
            found.speaker = ctx.resolver.speaker(None, (sp.start, sp.end), kind="person")
        return found
    return named


def _opening_participle(ctx: Context, k: int, seg: Segment, verb: Token) -> Found | None:
    """"X said the plan “was not good.” Adding, “…”": a participle opening its sentence
    goes on with the speaker of the quote before it in the paragraph."""
    first = next((t for t in verb.sent if not (t.is_punct or t.is_space)), None)
    prev = ctx.found.get(k - 1)
    if first is None or first.i != verb.i or verb.tag_ != "VBG" or prev is None or \
            ctx.segments[k - 1].para != seg.para:
        return None
    return Found(prev.speaker, verb.text, "speech_verb", verb.idx)



def _labels(ctx: Context, seg: Segment, verb: Token) -> bool:
    """"what he perceives as “Western imperialism”": a label someone uses, not a quote;
    naming verbs excepted ("what she calls “honest budgeting”" is her phrase)."""
    return ctx.is_fragment(seg) and any(c.tag_ == "WP" and c.i < verb.i for c in verb.children) \
        and verb_forms("speech_verbs").get(verb.lower_) not in _NAMING


def _no_one(found: Found | None, subj: Token) -> bool:
    """A subject that names no one: a common noun phrase that is no entity of the article,
    no person and no pronoun ("the files", "her recent visits")."""
    return found is not None and found.speaker.entity is None and \
        found.speaker.kind is None and subj.tag_ != "PRP"


_CLAUSE_DEPS = ("ccomp", "advcl", "conj", "xcomp", "parataxis")


def _above(ctx: Context, verb: Token, clauses_only: bool = False) -> Found | None:
    """The speaker of a speech verb higher up the parse: the nearest one outside quotes
    whose subject is someone, else the nearest with any subject. ``clauses_only`` climbs
    only through clauses reported under it ("X said the files suggest “…”", "X argued
    that a bridge would help, saying “…”"); otherwise a verb with no subject of its own
    takes any head's ("talked about continuing the “…”")."""
    node, hops, first = verb, 0, None
    while node.head.i != node.i and hops < 6:
        if clauses_only and node.dep_ not in _CLAUSE_DEPS:
            break
        node, hops = node.head, hops + 1
        if is_speech_verb(node) and not ctx.inside_quote(node.idx):
            subj = subject_of(node, ctx.inside_quote)
            found = _resolve(ctx, subj, node, "speech_verb") if subj is not None else \
                _named_before(ctx, node)
            if found is not None and not _no_one(found, subj):
                return found
            first = first or found
    return first


def _negated(tok: Token) -> bool:
    """Under a gerund of "against"/"without" ("warned against calling it a “…”"): words no
    one says."""
    node, hops = tok, 0
    while node.head.i != node.i and hops < 8:
        if node.dep_ == "pcomp" and node.head.lower_ in ("against", "without"):
            return True
        node, hops = node.head, hops + 1
    return False


def _sayer(ctx: Context, verb: Token) -> tuple[Token | None, bool]:
    """Who says what the speech verb introduces, and whether the verb is passive: its
    subject, or for a passive verb its agent ("X was asked by Y, “…”" is Y's; "X was
    asked, “…”" and "X was said to be “…”" are no one's the sentence names; "X was
    quoted as saying" is X's)."""
    subj = subject_of(verb, ctx.inside_quote)
    if subj is None or subj.dep_ != "nsubjpass" or subj.head.i != verb.i or \
            verb.lower_ == "quoted":
        return subj, False
    for c in verb.children:
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None), True
    return None, True


def pass_speech_verb(ctx: Context, k: int, seg: Segment) -> Found | None:
    verb = governing_verb(ctx, seg)
    if verb is None:
        return None
    if _labels(ctx, seg, verb):
        return None
    subj, passive = _sayer(ctx, verb)
    if passive and subj is None:
        return None
    if subj is None:
        return _next_to(ctx, seg, verb) or _named_before(ctx, verb) or \
            _opening_participle(ctx, k, seg, verb) or (
                None if _negated(verb) else _above(ctx, verb))
    found = _resolve(ctx, subj, verb, "speech_verb")
    if (found is None or found.speaker.entity is None) and (
            subj.ent_type_ in _PLACES_AND_TIMES or _dateline(ctx, subj)):
        found = _named_before(ctx, verb) or found
    no_one = _no_one(found, subj)
    outer = _above(ctx, verb, clauses_only=True) if no_one else None
    found = outer or found
    if found and ctx.is_scare(seg) and found.speaker.entity is None and (
            subj.ent_type_ in _NOT_SPEAKERS or subj.tag_ == "PRP"
            or verb_forms("reported_verbs").get(verb.lower_) is None):
        # a phrase is someone's when they are someone of the article, or someone (not a
        # place) who says or tells it ("Obama said Americans will say “no”" is Obama's)
        if not no_one:
            outer = _above(ctx, verb, clauses_only=True)
        return outer if outer is not None and outer.speaker.entity is not None else None
    return found


def pass_surface(ctx: Context, k: int, seg: Segment) -> Found | None:
    """When the parse links no speech verb to the quote: a speech verb within a few words
    after the closing mark (“…,” NAME, ROLE, VERB / “…,” VERB NAME) or right before the
    opening mark (NAME VERB: “…” / NAME VERB, “…”)."""
    if ctx.is_scare(seg):
        return None
    after = []
    for t in ctx.tokens(seg.close + 1, seg.para[1]):
        if t.text in (".", "!", "?") or ctx.inside_quote(t.idx) or len(after) >= 14:
            break
        after.append(t)
    for t in after:
        if is_speech_verb(t) or _verb_tagged_noun(t):
            return _next_to(ctx, seg, t)
    before = [t for t in ctx.tokens(seg.para[0], seg.open) if not t.is_space][-8:]
    verb_at = next((i for i in range(len(before) - 1, -1, -1) if is_speech_verb(before[i])),
                   None)
    if verb_at is not None and verb_at < len(before) - 2:
        # "shot back, “…”", "telling the crowd, “…”": a particle or a short object between
        rest = before[verb_at + 1:]
        if rest[-1].text in (",", ":") and all(
                t.dep_ in _OBJECT_DEPS and not is_verb(t) and not ctx.inside_quote(t.idx)
                and t.head.i in {before[verb_at].i, *(x.i for x in rest)} for t in rest[:-1]):
            before = before[:verb_at + 1] + rest[-1:]
    before = before[-3:]
    for t in reversed(before):
        if is_speech_verb(t):
            if _labels(ctx, seg, t):
                return None
            subj, passive = _sayer(ctx, t)
            if subj is not None:
                return _resolve(ctx, subj, t, "speech_verb")
            if passive:
                return None
            start = max(t.sent.start_char, seg.para[0])
            sp = ctx.resolver.resolve_chunk(list(reversed(
                [x for x in ctx.tokens(start, t.idx) if not ctx.inside_quote(x.idx)][-8:])))
            return Found(sp, t.text, "speech_verb", t.idx) if sp else None
        if t.text not in (",", ":", "—", "–") and t.lower_ != "that":
            break
    return None


def _verb_tagged_noun(tok: Token) -> bool:
    """A speech verb the tagger took for a noun after a name ("“…,” Whitfield notes."): a
    form of ``rules/speech_verbs`` right after a proper noun or pronoun and ending the
    clause."""
    doc = tok.doc
    return tok.tag_ in ("NN", "NNS") and tok.lower_ in verb_forms("speech_verbs") and \
        tok.i > 0 and doc[tok.i - 1].tag_ in ("NNP", "PRP") and \
        (tok.i + 1 == len(doc) or doc[tok.i + 1].is_punct)


def pass_fragment(ctx: Context, k: int, seg: Segment) -> Found | None:
    """A quoted fragment inside a sentence the parse got wrong: the nearest speech verb
    before it in its sentence whose subject is someone ("X said, mentioning the album is
    “in the home stretch”"). A short phrase (a possible scare quote) needs a subject that
    is a person or organization of the article."""
    if not ctx.is_fragment(seg):
        return None
    first = ctx.token_at(seg.open)
    if first is None:
        return None
    scare = ctx.is_scare(seg)
    for t in reversed(list(ctx.doc[first.sent.start:first.i])):
        if ctx.inside_quote(t.idx) or not is_speech_verb(t):
            continue
        if t.dep_ == "pcomp":  # "warned against calling it a “…”": no one says it
            return None
        subj = subject_of(t, ctx.inside_quote)
        if subj is None:
            continue
        found = _resolve(ctx, subj, t, "fragment")
        if found and (found.speaker.entity is not None or not scare and
                      found.speaker.kind == "person" and subj.ent_type_ not in _NOT_SPEAKERS):
            return found
    return None


def pass_according_to(ctx: Context, k: int, seg: Segment) -> Found | None:
    if ctx.is_scare(seg):
        return None
    toks = ctx.tokens(seg.open, seg.close + 1)
    if not toks:
        return None
    sent = toks[0].sent
    end = toks[-1].sent.end
    for t in toks[0].doc[sent.start:end]:
        if t.lower_ == "words" and t.head.lower_ == "in" and not ctx.inside_quote(t.idx):
            # "in Ruiz’s words", "in the words of Ruiz"
            whose = [c for c in t.children if c.dep_ == "poss"] + [
                o for c in t.children if c.lower_ == "of" for o in c.children
                if o.dep_ == "pobj"]
            if whose:
                return _resolve(ctx, whose[0], None, "according_to")
        if t.lower_ == "according" and not ctx.inside_quote(t.idx):
            for to in t.children:
                objs = [c for c in to.children if c.dep_ == "pobj"] if to.lower_ == "to" else []
                if objs:
                    return _resolve(ctx, objs[0], None, "according_to")
            nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                if objs:
                    return _resolve(ctx, objs[0], None, "according_to")
    return None


def pass_colon(ctx: Context, k: int, seg: Segment) -> Found | None:
    if ctx.is_scare(seg):
        return None
    floor = ctx.segments[k - 1].close + 1 if k and ctx.segments[k - 1].para == seg.para \
        else seg.para[0]
    before = ctx.text[floor:seg.open].rstrip()
    if not before.endswith(":"):
        return None
    colon = ctx.token_at(floor + len(before) - 1)
    if colon is None:
        return None
    start = max(floor, colon.sent.start_char)
    clause = [t for t in ctx.tokens(start, colon.idx) if not ctx.inside_quote(t.idx)]
    if not clause or len(clause) > 30:
        return None
    named = _named_before_colon(ctx, clause)
    if named is not None:
        return named
    ids = {t.i for t in clause}
    heads = [t for t in clause if t.head.i not in ids or t.head.i == t.i]
    for h in heads:
        verb = h if is_verb(h) else None
        subj = subject_of(h, ctx.inside_quote) if verb is not None else None
        if subj is not None and subj.i in ids:
            found = _resolve(ctx, subj, verb if is_speech_verb(verb) else None, "colon")
            if found and (found.speaker.entity or found.speaker.kind):
                return found
    return _named_at_colon(ctx, clause)


def _named_ending_at(ctx: Context, start: int, end: int, labels: tuple[str, ...]
                     ) -> list[tuple[Mention, Entity]]:
    """Mentions of an entity with one of ``labels`` that overlap ``[start, end)`` and end
    at ``end``."""
    return [(m, e) for m, e in ctx.resolver.mentions_in(start, end)
            if e.label in labels and m.end == end]


def _named_at(ctx: Context, last: Token, labels: tuple[str, ...], method: str,
              verb: Token | None = None) -> Found | None:
    """The entity with one of ``labels`` whose mention ends with the token ``last``, as
    the speaker ``method`` found (with ``verb``, when there is one)."""
    hits = _named_ending_at(ctx, last.idx, last.idx + len(last), labels)
    if not hits:
        return None
    m, e = hits[-1]
    return Found(ctx.resolver.speaker(e, (m.start, m.end)), verb.text if verb else None,
                 method, verb.idx if verb else None)


def _named_at_colon(ctx: Context, clause: list[Token]) -> Found | None:
    """"The result does not surprise pollster Dana Reyes: “…”": when the clause's subject
    names no one, a person of the article named last, right before the colon."""
    return _named_at(ctx, clause[-1], ("PERSON",), "colon")


def _named_before_colon(ctx: Context, clause: list[Token]) -> Found | None:
    """"Pollster Dana Reyes: “…”", "- Pew Research: “…”": a colon right after a short
    phrase, with no verb, that names a person or organization of the article (the phrase
    starts after a dash or bracket, as in a digest of sources)."""
    cut = max((i + 1 for i, t in enumerate(clause) if t.text in _BREAKS), default=0)
    phrase = [t for t in clause[cut:] if not t.is_space]
    if phrase and phrase[0].lower_ == "from":
        phrase = phrase[1:]
    if not phrase or len(phrase) > 6 or any(is_verb(t) or t.is_punct for t in phrase):
        return None
    span = (phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
    if not _named_ending_at(ctx, *span, ("PERSON", "ORG")):
        return None
    sp = ctx.resolver.resolve_chunk(phrase)
    return Found(sp, None, "colon") if sp is not None and sp.entity is not None else None


def pass_adjacent(ctx: Context, k: int, seg: Segment) -> Found | None:
    """“…!” Then “X said.” as a separate sentence: the quote is X's."""
    after = ctx.text[seg.close + 1:seg.para[1]]
    if ctx.is_scare(seg) or not after.strip():
        return None
    lead = len(after) - len(after.lstrip())
    first = ctx.token_at(seg.close + 1 + lead)
    if first is None or first.idx != seg.close + 1 + lead:
        return None
    sent = first.sent
    words = [t for t in sent if not t.is_punct]
    if not words or len(words) > 12 or any(ctx.inside_quote(t.idx) for t in sent):
        return None
    root = sent.root
    if not is_speech_verb(root) or any(c.dep_ in ("ccomp", "dobj") for c in root.children):
        return None
    subj = subject_of(root, ctx.inside_quote)
    return _resolve(ctx, subj, root, "adjacent") if subj is not None else None


def _speech_between(ctx: Context, start: int, end: int, skip: str | None) -> bool:
    skipped = False
    for t in ctx.tokens(start, end):
        if is_speech_verb(t) or t.lower_ == "according":
            if skip and t.text == skip and not skipped:
                skipped = True
                continue
            return True
    return False


def pass_continuation(ctx: Context, k: int, seg: Segment) -> Found | None:
    """A quote after an attributed one of its paragraph, with no other speech verb in
    between; unattributed phrases and names in between are skipped ("“A,” X said on
    Channel 9’s “Morning Report.” “B.”")."""
    if k == 0 or ctx.is_scare(seg):
        return None
    j = k - 1
    while j > 0 and j not in ctx.found and ctx.is_scare(ctx.segments[j]):
        j -= 1
    prev = ctx.segments[j]
    found = ctx.found.get(j)
    if found is None or prev.para != seg.para:
        return None
    gap = "".join(ctx.text[a.close + 1:b.open] for a, b in
                  zip(ctx.segments[j:k], ctx.segments[j + 1:k + 1], strict=True))
    if seg.open - prev.close >= 300 or re.search(r"[“”\"]", gap):
        return None
    if _speech_between(ctx, prev.close + 1, seg.open, found.verb):
        return None
    return Found(found.speaker, found.verb, "continuation", found.verb_at)


def pass_paragraph_continuation(ctx: Context, k: int, seg: Segment) -> Found | None:
    if k == 0 or ctx.is_scare(seg):
        return None
    prev = ctx.segments[k - 1]
    found = ctx.found.get(k - 1)
    if found is None or prev.para == seg.para:
        return None
    if ctx.text[prev.para[1]:seg.para[0]].strip() or ctx.text[seg.para[0]:seg.open].strip():
        return None
    if not prev.unclosed and ctx.text[prev.close + 1:prev.para[1]].strip() and \
            _speech_between(ctx, prev.close + 1, prev.para[1], None) is False and \
            len(ctx.text[prev.close + 1:prev.para[1]]) > 80:
        return None
    pos = seg.para[0]
    for other in ctx.segments[k:]:
        if other.para != seg.para:
            break
        if _speech_between(ctx, pos, other.open, None):
            return None
        pos = other.close + 1
    if _speech_between(ctx, pos, seg.para[1], None):
        return None
    if any(not ctx.inside_quote(m.start) for m, _ in ctx.resolver.mentions_in(*seg.para)):
        return None
    return Found(found.speaker, found.verb, "paragraph_continuation", found.verb_at)


def pass_previous_sentence(ctx: Context, k: int, seg: Segment) -> Found | None:
    """A quote that opens a sentence right after a sentence of the same paragraph, without
    quotes, that has a speech verb with a named subject ("Carson tells the paper. “…”")."""
    if ctx.is_scare(seg) or ctx.is_fragment(seg):
        return None
    first = ctx.token_at(seg.open)
    if first is None or first.sent.start == 0:
        return None
    prev = ctx.doc[first.sent.start - 1].sent
    if prev.start_char < seg.para[0] or any(ctx.inside_quote(t.idx) for t in prev) or \
            re.search(r"[“”\"]", prev.text) or prev.text.rstrip()[-1:] not in ".:":
        return None
    for t in prev:
        if is_speech_verb(t) and t.dep_ in ("ROOT", "conj"):
            subj = subject_of(t, ctx.inside_quote)
            if subj is not None:
                found = _resolve(ctx, subj, t, "previous_sentence")
                if found and found.speaker.entity is not None:
                    return found
    return None


def pass_previous_paragraph(ctx: Context, k: int, seg: Segment) -> Found | None:
    if ctx.text[seg.para[0]:seg.open].strip() or ctx.is_scare(seg):
        return None
    prev_end = seg.para[0]
    while prev_end > 0 and ctx.text[prev_end - 1].isspace():
        prev_end -= 1
    prev_start = ctx.text.rfind("\n", 0, prev_end) + 1
    if prev_end <= prev_start or ctx.text[prev_end - 1] not in ".:":
        return None
    if re.search(r"[“”\"]", ctx.text[prev_start:prev_end]):
        return None
    last = ctx.token_at(prev_end - 1)
    if last is None:
        return None
    sent = last.sent
    for t in reversed(list(sent)):
        if is_speech_verb(t) or (is_verb(t) and t.i == sent.root.i
                                 and ctx.text[prev_end - 1] == ":"):
            subj = subject_of(t, ctx.inside_quote)
            if subj is not None:
                found = _resolve(ctx, subj, t, "previous_paragraph")
                if found and found.speaker.entity is not None:
                    return found
    return None


def pass_speech_noun(ctx: Context, k: int, seg: Segment) -> Found | None:
    """A quote held by a noun for something said (``rules/speech_nouns``) that has a
    possessor: "his warning that Britain “…”", "Romney’s “47 percent” comment", "the
    senator’s answer was that “…”" are the possessor's."""
    toks = [t for t in ctx.tokens(seg.open, seg.close + 1) if t.text not in _MARKS]
    if not toks:
        return None
    node, steps = toks[0], 0
    while _within(ctx, node.head, seg) and node.head.i != node.i and steps < 50:
        node, steps = node.head, steps + 1
    for _ in range(5):
        head = node.head
        if head.i == node.i or ctx.inside_quote(head.idx):
            return None
        noun = head if head.tag_.startswith("NN") else next(
            (c for c in head.children if c.dep_ == "nsubj" and c.i < node.i), None) \
            if head.lower_ in _BE else None
        if noun is not None and noun.lower_ in terms("speech_nouns"):
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            return _resolve(ctx, poss, None, "speech_noun") if poss is not None else None
        node = head
    return None


def _title_case(words: list[str]) -> bool:
    """"Squawk Box", "Star Power": every word capitalized, the name of a work or show."""
    words = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() for w in words)


_BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s", "'re", "’re"}
_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by",
                "with", "from"}


def pass_clause_subject(ctx: Context, k: int, seg: Segment) -> Found | None:
    """A quoted fragment behind a verb that is no speech verb ("X blasted the firm for its
    “…”", "X delivered a defense of “…”"): the subject of the nearest verb up the parse
    from the fragment (past copulas: "X said Y was “…”" is X's), outside quotes, when it is
    a named person or organization of the article, or a pronoun that resolves to one. Not
    for a name in title case ("“Squawk Box”"), a quote inside the subject itself, a passive
    subject or a gerund under a preposition ("cautioned against calling it “…”")."""
    if not ctx.is_fragment(seg):  # (a quote of the title never gets here: see attribute)
        return None
    toks = [t for t in ctx.tokens(seg.open, seg.close + 1) if t.text not in _MARKS]
    if not toks or _title_case([t.text for t in toks if not t.is_punct]):
        return None
    node, steps = toks[0], 0
    while _within(ctx, node, seg) and node.head.i != node.i and steps < 50:
        node, steps = node.head, steps + 1
    hops = 0
    while hops < 6 and not ctx.inside_quote(node.idx):
        if is_verb(node) and node.lower_ not in _BE:
            if _labels(ctx, seg, node) or node.dep_ == "pcomp":
                return None  # "warned against calling it a “…”": no one says it
            subj = subject_of(node, ctx.inside_quote)
            if subj is not None:
                if subj.dep_ != "nsubj" or subj.left_edge.idx <= seg.open <= \
                        subj.right_edge.idx or not (subj.tag_ in ("PRP", "NNP") or subj.ent_type_
                                                    in ("PERSON", "ORG")):
                    return None
                found = _resolve(ctx, subj, node if is_speech_verb(node) else None,
                                 "clause_subject")
                entity = found.speaker.entity if found is not None else None
                if entity is None or entity.label not in ("PERSON", "ORG"):
                    return None
                return found
        if node.head.i == node.i:
            break
        node, hops = node.head, hops + 1
    return None


def pass_sentence_subject(ctx: Context, k: int, seg: Segment) -> Found | None:
    """Heuristic, after every syntactic pass: the active subject of the main verb of the
    quote's sentence, outside the quote, when it is a person or organization of the article
    or a pronoun that resolves to one ("Trump defended the plan, calling it an “absolute
    necessity”"). Not for scare quotes."""
    if ctx.is_scare(seg):
        return None
    toks = [t for t in ctx.tokens(seg.open, seg.close + 1) if t.text not in _MARKS]
    if not toks:
        return None
    root = toks[0].sent.root
    if ctx.inside_quote(root.idx) or not is_verb(root) or _negated(toks[0]):
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or ctx.inside_quote(subj.idx):
        return None
    found = _resolve(ctx, subj, root if is_speech_verb(root) else None, "sentence_subject")
    entity = found.speaker.entity if found is not None else None
    return found if entity is not None and entity.label in ("PERSON", "ORG") else None


@dataclass(frozen=True)
class Pass:
    """One attribution pass: its name, the method it reports, its confidence."""

    name: str
    method: str
    confidence: float
    run: Callable[[Context, int, Segment], Found | None]


PASSES: list[Pass] = [
    Pass("speech_verb", "speech_verb", 0.9, pass_speech_verb),
    Pass("surface", "speech_verb", 0.8, pass_surface),
    Pass("fragment", "speech_verb", 0.75, pass_fragment),
    Pass("according_to", "according_to", 0.85, pass_according_to),
    Pass("colon", "colon", 0.75, pass_colon),
    Pass("adjacent", "speech_verb", 0.8, pass_adjacent),
    Pass("continuation", "continuation", 0.85, pass_continuation),
    Pass("paragraph_continuation", "continuation", 0.65, pass_paragraph_continuation),
    Pass("previous_sentence", "previous_sentence", 0.6, pass_previous_sentence),
    Pass("previous_paragraph", "previous_paragraph", 0.6, pass_previous_paragraph),
    Pass("speech_noun", "speech_noun", 0.6, pass_speech_noun),
    Pass("clause_subject", "clause_subject", 0.5, pass_clause_subject),
    Pass("sentence_subject", "sentence_subject", 0.4, pass_sentence_subject),
]
PASS_BY_NAME = {p.name: p for p in PASSES}
UNATTRIBUTED = ("unattributed", 0.5)


def method_of(found: Found) -> tuple[str, float]:
    """Method and confidence of an attribution: the pass's, unless the speaker was resolved
    as a pronoun, role or organization by a pass that reads the speaker itself (not one that
    carries an earlier attribution over)."""
    p = PASS_BY_NAME[found.method]
    resolved = found.speaker.method
    if p.method != "continuation" and resolved in SPEAKER_METHODS:
        return resolved, min(p.confidence, SPEAKER_METHODS[resolved])
    return p.method, p.confidence


def attribute(ctx: Context) -> list[Found | None]:
    """Run :data:`PASSES` over every segment, in text order (later passes may use the
    attributions of earlier segments)."""
    out: list[Found | None] = []
    for k, seg in enumerate(ctx.segments):
        found = None
        if ctx.in_title(seg) or ctx.is_name(seg):
            out.append(None)
            continue
        for p in PASSES:
            found = p.run(ctx, k, seg)
            if found is not None:
                break
        if found is not None:
            ctx.found[k] = found
        out.append(found)
    # a quote followed, in its paragraph and with nothing but "and"/"or" in between, by an
    # attributed one (“A.” “B,” X said. / “A” and “B,” X said.) is the same speaker's
    for k in range(len(out) - 2, -1, -1):
        seg, nxt = ctx.segments[k], ctx.segments[k + 1]
        nf = out[k + 1]
        gap = ctx.text[seg.close + 1:nxt.open].strip(" ,;—–-")
        if out[k] is None and nf is not None and nxt.para == seg.para \
                and (gap == "" and not ctx.is_fragment(nxt) or gap in ("and", "or")) \
                and not ctx.is_scare(seg):
            out[k] = Found(nf.speaker, nf.verb, "continuation", nf.verb_at)
            ctx.found[k] = out[k]
    # a paragraph left open whose quote is attributed only in the next paragraph, or a
    # paragraph that is nothing but a quote before one that opens with an attributed quote
    for k in range(len(out) - 2, -1, -1):
        seg, nxt = ctx.segments[k], ctx.segments[k + 1]
        whole = not ctx.text[seg.para[0]:seg.open].strip() and \
            not ctx.text[seg.close + 1:seg.para[1]].strip() and not ctx.is_scare(seg)
        if (seg.unclosed or whole) and out[k] is None and out[k + 1] is not None \
                and nxt.para[0] > seg.para[0] and not ctx.text[seg.para[1]:nxt.open].strip():
            nf = out[k + 1]
            assert nf is not None
            out[k] = Found(nf.speaker, nf.verb, "paragraph_continuation", nf.verb_at)
    return out
