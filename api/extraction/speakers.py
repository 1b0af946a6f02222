"""From a speaker's noun phrase in the parse to a person or organization of the article.

The phrase is the subject token of a speech verb (or the object of "according to") with its
left modifiers ("a smiling Okafor", "Party Chairman Ana Ruiz", "the network's anchor") and,
for spokespeople and roles, its prepositional phrase ("a spokesman for the ministry"). It is
resolved, in order, to:

1. the referent of a pronoun (:mod:`api.extraction.coref`, method ``pronoun``), or what a
   relative pronoun's clause describes ("Jane Doe, who said “…”"; written "who");
2. a person the named-entity index has at the phrase's head (full name or surname);
3. the person in an apposition of a role ("the chief executive, Jane Doe,");
4. for a spokesperson or statement (``rules/spokes_nouns``), the organization it speaks for;
5. an organization at the head ("Norges Bank");
6. an article person whose name holds the head word, when NER did not type the word;
7. a generic organization noun ("the ministry", ``rules/organization_nouns``) to the
   organization it stands for;
8. a role ("the chief executive") to the person the article described in that role
   (method ``role``); an age ("the 46-year-old") to the person named last.

Otherwise the speaker stays as written, with no canonical entity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from api.extraction import coref
from api.extraction.affiliations import ROLE_WORDS
from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.rules import pairs, terms
from api.extraction.text import name_key

_AGE_PHRASE = re.compile(r"\b\d{1,3}-year-old$")  # "the 46-year-old": a person by age
_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod",
              "advmod", "npadvmod", "predet"}


@dataclass
class Speaker:
    """A resolved (or only written) speaker."""

    entity: Entity | None
    written: str
    start: int
    end: int
    method: str
    kind: str | None = None  # "person"/"organization" guess when entity is None

    @property
    def speaker_type(self) -> str | None:
        if self.entity is not None:
            return "person" if self.entity.label == "PERSON" else "organization"
        return self.kind


def generic_nouns() -> dict[str, tuple[str, ...]]:
    return pairs("organization_nouns")


class SpeakerResolver:
    """Resolves speaker phrases of one parsed article against its entity index."""

    def __init__(self, text: str, doc: Doc, index: EntityIndex,
                 inside_quote, original: str | None = None) -> None:
        self.text = text
        self.original = original if original is not None else text
        self.doc = doc
        self.index = index
        self.inside_quote = inside_quote
        self.genders = coref.Genders(text, index)
        self._starts = [m.start for m, _ in index.mentions]
        self._sent_starts = [s.start_char for s in doc.sents]
        self._surnames: dict[str, Entity] = {}
        for person in index.people:
            words = person.tokens()
            if len(words) > 1:
                self._surnames.setdefault(words[-1], person)

    # -- helpers -----------------------------------------------------------------------
    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self._sent_starts, pos) - 1
        return self._sent_starts[i] if i >= 0 else 0

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """Mentions overlapping ``[start, end)``."""
        i = max(0, bisect_right(self._starts, start) - 8)
        out = []
        for m, e in self.index.mentions[i:]:
            if m.start >= end:
                break
            if m.end > start:
                out.append((m, e))
        return out

    def speaker(self, entity: Entity | None, span: tuple[int, int], method: str | None = None,
                 kind: str | None = None) -> Speaker:
        if method is None:
            method = "speech_verb" if entity is None or entity.label == "PERSON" \
                else "organization"
        return Speaker(entity, self.written(span), span[0], span[1], method, kind)

    def written(self, span: tuple[int, int]) -> str:
        """The phrase at ``span`` as the article writes it (its own apostrophes), with runs
        of white space made one space."""
        return " ".join(self.original[span[0]:span[1]].split())

    @staticmethod
    def core(tok: Token, with_prep: bool) -> tuple[int, int]:
        """Token range ``[i, j)`` of the phrase headed by ``tok``: its left modifiers and,
        when ``with_prep``, its right prepositional phrases."""
        lefts = [c for c in tok.lefts if c.dep_ in _LEFT_DEPS]
        start = min((c.left_edge.i for c in lefts), default=tok.i)
        end = tok.i + 1
        for c in tok.rights:
            if c.dep_ in ("compound", "flat") or (c.dep_ == "prep" and with_prep):
                end = max(end, c.right_edge.i + 1)
        return start, end

    # -- resolution --------------------------------------------------------------------
    def resolve(self, tok: Token) -> Speaker | None:
        """The speaker a subject (or ``according to`` object) token stands for."""
        if tok.tag_ == "PRP" or tok.lower_ in ("he", "she", "they", "it", "i", "we"):
            return self.pronoun(tok)
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            return self.relative(tok)
        head_lower = tok.lower_
        is_spokes = head_lower in terms("spokes_nouns")
        is_role = head_lower in ROLE_WORDS
        i, j = self.core(tok, with_prep=is_spokes or is_role)
        span = (self.doc[i].idx, self.doc[j - 1].idx + len(self.doc[j - 1]))
        head_span = (tok.idx, tok.idx + len(tok))
        found = self.mentions_in(*head_span)
        people = [(m, e) for m, e in found if e.label == "PERSON"]
        if people:
            m, e = people[-1]
            return self.speaker(e, (min(span[0], m.start), max(head_span[1], m.end)))
        for child in tok.rights:  # "the chief executive, Jane Doe, said"
            if child.dep_ == "appos":
                hit = [(m, e) for m, e in self.mentions_in(child.idx, child.idx + len(child))
                       if e.label == "PERSON"]
                if hit:
                    return self.speaker(hit[-1][1], (hit[-1][0].start, hit[-1][0].end))
        inner = self.mentions_in(*span)
        if is_spokes:
            orgs = [(m, e) for m, e in inner if e.label == "ORG"]
            if orgs:
                return self.speaker(orgs[-1][1], span, "organization")
            nouns = [t for t in self.doc[i:j] if t.lower_ in generic_nouns() and t.i != tok.i]
            if nouns:
                return self.speaker(self.generic(nouns[-1], tok.idx), span, "organization")
            return self.speaker(None, span, kind="person")
        orgs = [(m, e) for m, e in found if e.label == "ORG"]
        if orgs:
            m, e = orgs[-1]
            if is_role:  # "Helvexa's chief executive" is not Helvexa
                role = self.role(tok, i, j, e.name)
                return self.speaker(role, span, "role") if role else \
                    self.speaker(None, span, kind="person")
            return self.speaker(e, (min(span[0], m.start), max(head_span[1], m.end)))
        if tok.tag_ == "NNS" and not is_role:  # "analysts at Jefferies": the firm's view
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ in ("at", "of", "from", "with"):
                    hit = [e for _, e in self.mentions_in(child.idx, child.right_edge.idx + 1)
                           if e.label == "ORG"]
                    if hit:
                        end = child.right_edge.idx + len(child.right_edge)
                        return self.speaker(hit[0], (span[0], end), "organization")
        people_inside = [(m, e) for m, e in inner if e.label == "PERSON"]
        if people_inside and tok.tag_ in ("NN", "NNS") and not tok.ent_type_ and \
                head_lower not in generic_nouns() and any(
                    c.dep_ == "compound" and c.idx < people_inside[-1][0].end <= c.idx + len(c)
                    for c in tok.lefts):
            people_inside = []  # "the Putin invite suggests": the invite, not Putin
        if people_inside and not is_role:
            return self.speaker(people_inside[-1][1], span)
        if tok.tag_.startswith("NNP") or tok.text[:1].isupper():
            known = self._surnames.get(name_key(tok.text))
            if known is not None:
                return self.speaker(known, span)
        if head_lower in generic_nouns() and not tok.text[:1].isupper():
            return self.speaker(self.generic(tok, tok.idx), span, "organization")
        if is_role:
            orgs_in = [e for _, e in inner if e.label == "ORG"]
            role = self.role(tok, i, j, orgs_in[-1].name if orgs_in else "")
            if role is not None:
                return self.speaker(role, span, "role")
            if any(e.label == "ORG" for _, e in inner):  # "an executive at ICICI Lombard"
                return self.speaker(None, span, kind="person")
        if orgs_in_span := [e for _, e in inner if e.label == "ORG"]:
            return self.speaker(orgs_in_span[-1], span)
        if _AGE_PHRASE.search(self.text[span[0]:span[1]]):
            return self.speaker(self.latest_person(tok.idx), span, "role", kind="person")
        if tok.tag_.startswith("NN") or tok.text[:1].isupper():
            return self.speaker(None, span,
                                 kind="person" if tok.tag_.startswith("NNP") else None)
        return None

    def resolve_chunk(self, toks: list[Token]) -> Speaker | None:
        """A speaker written as a run of tokens next to a speech verb, when the parse gives
        the verb no subject ("“…,” Brent Bozell III, founder of X, tells …"): the first
        person or organization named in the run's first phrase (up to a comma), else a
        pronoun, generic organization or role via :meth:`resolve` of its last word."""
        core: list[Token] = []
        for t in toks:
            if t.text in (",", "—", "–", "(", ";", ":") or t.tag_ in ("IN", "TO", "WDT", "WP"):
                if core:
                    break
                continue
            if t.is_space:
                continue
            core.append(t)
        if not core or len(core) > 8 or any(t.tag_.startswith("VB") for t in core):
            return None
        span = (core[0].idx, core[-1].idx + len(core[-1]))
        hits = self.mentions_in(*span)
        for label in ("PERSON", "ORG"):
            found = [(m, e) for m, e in hits if e.label == label]
            if found:
                return self.speaker(found[0][1], span)
        head = core[-1]
        if head.tag_ in ("PRP",) or head.tag_.startswith("NN") or \
                _AGE_PHRASE.search(self.text[span[0]:span[1]]):
            sp = self.resolve(head)
            if sp is not None:
                return self.speaker(sp.entity, span, sp.method, sp.kind)
        return None

    def relative(self, tok: Token) -> Speaker | None:
        """A relative pronoun ("Franklin Graham, who has vowed “…”"): written as it stands,
        resolved to what its clause describes (method ``pronoun``)."""
        antecedent = self.resolve(tok.head.head) if tok.head.head.tag_.startswith("NN") \
            else None
        if antecedent is None or (antecedent.entity is None and antecedent.kind is None):
            return None
        return self.speaker(antecedent.entity, (tok.idx, tok.idx + len(tok)), "pronoun",
                            antecedent.kind)

    def latest_person(self, pos: int) -> Entity | None:
        """The person named last before ``pos``, outside quotes and headings ("…,” said
        the 46-year-old": the person the article was just telling of)."""
        before = _Usable(self, pos)
        for k in range(len(before) - 1, -1, -1):
            m, e = before[k]
            if e.label == "PERSON" and m.end <= pos:
                return e
        return None

    def pronoun(self, tok: Token) -> Speaker:
        cls = coref.pronoun_class(tok.text) or "speaker"
        entity = None
        if cls != "speaker":
            entity = coref.resolve(cls, tok.idx, _Usable(self, tok.idx), self.sentence_start,
                                   self.genders)
        if entity is not None and cls == "plural" and self._group_since(tok, entity):
            entity = None  # "The unions said …. They added": the unions, no organization
        return self.speaker(entity, (tok.idx, tok.idx + len(tok)), "pronoun")

    def _group_since(self, tok: Token, entity: Entity) -> bool:
        """Whether a plural common noun ("the unions", "residents") is the subject of a
        main clause between ``entity``'s last mention and the pronoun ``tok`` (in its sentence
        or the one before): "they" is that group, not the organization."""
        last = max((m.end for m in entity.mentions if m.end <= tok.idx), default=-1)
        sent = tok.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for t in self.doc[start:tok.i]:
            if t.idx >= last and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS" \
                    and t.head.dep_ == "ROOT" \
                    and not self.inside_quote(t.idx) and not self.mentions_in(t.idx,
                                                                             t.idx + len(t)):
                return True
        return False

    def role(self, tok: Token, i: int, j: int, org: str) -> Entity | None:
        """The person most recently described (before ``tok``) with the role of the phrase
        ``[i, j)`` ("chief executive"), at ``org`` when one is given."""
        words = [t.lower_ for t in self.doc[i:tok.i + 1]
                 if t.lower_ in ROLE_WORDS or t.i == tok.i]
        role_key = " ".join(words)
        org_key = name_key(org) if org else ""
        best = None
        for m, e in self.index.mentions:
            if m.end > tok.idx:
                break
            desc = name_key(e.description or "") if e.label == "PERSON" else ""
            if desc and role_key in desc and (not org_key or org_key in desc):
                best = e
        return best

    def generic(self, tok: Token, pos: int) -> Entity | None:
        """"the ministry" → the organization introduced with that noun, else the latest one
        whose name holds it, else (company nouns) the most-mentioned company so far, else the
        latest organization of a matching kind; "the employers' group" (a modified noun) →
        first the paragraph's first organization of a matching kind."""
        noun = tok.lower_
        kinds = generic_nouns().get(noun, ("other",))
        company = kinds[0] == "company"
        orgs = [(m, e) for m, e in self.index.mentions if m.end <= pos and e.label == "ORG"]
        if any(c.dep_ in ("poss", "amod", "compound") for c in tok.lefts):
            para_start = self.text.rfind("\n", 0, pos) + 1
            for m, e in orgs:
                if para_start <= m.start and not self.inside_quote(m.start) and e.kind in kinds:
                    return e
        for m, e in reversed(orgs):
            before = self.text[max(0, m.start - 40):m.start].casefold()
            after = self.text[m.end:m.end + 60].casefold()
            if re.search(rf"\b{re.escape(noun)}['’]?,?\s+$", before) or re.match(
                    rf",\s+(?:the|a|an)\s+(?:[\w'-]+\s+){{0,3}}?{re.escape(noun)}\b", after):
                return e
        if not company:
            for _, e in reversed(orgs):
                if noun in e.name.casefold().split():
                    return e
        else:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for m, e in orgs:
                if e.kind in ("company", "other"):
                    counts[e.name] = counts.get(e.name, 0) + 1
                    first.setdefault(e.name, m.start)
            if counts:
                return self.index.by_name(max(counts, key=lambda n: (counts[n], -first[n])))
        for kind in kinds:
            for _, e in reversed(orgs):
                if e.kind == kind:
                    return e
        return None


class _Usable:
    """The mentions a pronoun at ``pos`` may refer back to (before it, outside quotes and
    headings), as a lazily filtered sequence read from the end."""

    def __init__(self, resolver: SpeakerResolver, pos: int) -> None:
        self._r = resolver
        self._n = bisect_right(resolver._starts, pos)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k: int) -> tuple[Mention, Entity]:
        m, e = self._r.index.mentions[k]
        if m.in_heading or self._r.inside_quote(m.start):
            return m, _NOBODY
        return m, e


_NOBODY = Entity(label="NONE", name="")
