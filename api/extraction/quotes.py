"""Direct quotes and their speakers, by rules around the quotation marks.

Quote marks: straight (") and curly (“ ”, „ «») in any mix, British single marks (‘ ’, and
straight ' in its unambiguous form). A mark left open at the end of a paragraph is kept when the
next paragraph opens with a quote mark (a quote running over paragraphs), else skipped. Each
contiguous quoted segment becomes one :class:`Quote`.

Attribution, tried in order for each segment:

1. after the closing mark: ``“…,” noted Richard Weitz`` / ``“…,” Weitz said`` /
   ``“…,” he said`` / ``“…,” the ministry said`` / ``“…,” according to the ministry``;
2. before the opening mark: ``Weitz said: “…”`` / ``According to Weitz, “…”``;
3. continuation: a segment right after an attributed one in the same paragraph, separated only
   by that attribution (``“A,” noted X, director of Y. “B”``), has the same speaker; so do the
   paragraphs of a quote running over several paragraphs (forwards and backwards);
4. a colon intro without a speech verb (``Smith put it bluntly: “…”``);
   a role instead of a name (``“…,” the chief executive said``) resolves to the person most
   recently mentioned whose description holds that role (method ``role``);
5. a paragraph that opens with an unattributed quote right after a paragraph whose last
   sentence has a speech verb with a named subject (``Ortiz described it as a failure.``)
   is that subject's (method ``previous_paragraph``, low confidence).

Short mid-sentence phrases without final punctuation (scare quotes such as
``his “economic goody bag” charm offensive``) are emitted with method ``unattributed`` and
never get a speaker. Pronouns resolve to the subject (first person named) of the sentence that
names a person most recently outside quotes; ``it`` and generic nouns ("the ministry", "the
company") resolve to the most recent matching organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.extraction.affiliations import ROLE_WORDS
from api.extraction.entity_model import Entity, EntityIndex
from api.extraction.mentions import TITLES
from api.extraction.result import Quote
from api.extraction.text import name_key, paragraphs

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
VERBS = (
    r"said|says|say|told|tells|noted|notes|commented|comments|added|adds|explained|explains|"
    r"argued|argues|warned|warns|stated|states|wrote|writes|asked|asks|replied|replies|"
    r"insisted|insists|claimed|claims|continued|continues|observed|observes|remarked|"
    r"acknowledged|acknowledges|admitted|admits|conceded|concedes|declared|declares|"
    r"announced|announces|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|suggested|suggests|"
    r"predicted|predicts|recalled|recalls|cautioned|cautions|urged|urges|tweeted|posted|"
    r"countered|counters|concluded|concludes|confirmed|confirms|maintained|maintains|"
    r"pointed out|points out|went on|goes on|responded|responds|answered|answers|complained|"
    r"complains|lamented|laments|reiterated|reiterates|agreed|agrees|boasted|joked|quipped|"
    r"mused|vowed|vows|promised|promises|recounted|recounts|insisted|wrote|explained|"
    r"predicted|estimated|estimates|believes|believed|thinks|thought|contended|contends|"
    r"shouted|whispered|testified|testifies|disclosed|revealed|reveals|assured|assures|"
    r"described|describes"
)
_VERB_RE = re.compile(rf"(?:(?:\w+ly|also|has|had|have|then|later)\s+)?({VERBS})\b")
_ADV = r"(?:(?:\w+ly|also|has|had|have|then|later|once|previously)\s+)?"
GENERIC_NOUNS: dict[str, tuple[str, ...]] = {
    "ministry": ("government",), "department": ("government",), "government": ("government",),
    "agency": ("government",), "office": ("government",), "embassy": ("government",),
    "commission": ("government",), "regulator": ("government",),
    "administration": ("government",), "council": ("government", "think tank"),
    "central bank": ("government",), "court": ("government",), "party": ("government",),
    "company": ("company", "other"), "firm": ("company", "other"), "group": ("company", "other"),
    "carrier": ("company",), "airline": ("company",), "lender": ("company",),
    "bank": ("government", "company"), "insurer": ("company",), "retailer": ("company",),
    "carmaker": ("company",), "automaker": ("company",), "manufacturer": ("company",),
    "startup": ("company",), "conglomerate": ("company",), "operator": ("company",),
    "university": ("university",), "institute": ("think tank",), "think tank": ("think tank",),
    "centre": ("think tank",), "center": ("think tank",), "foundation": ("think tank",),
    "army": ("military",), "military": ("military",), "navy": ("military",),
    "newspaper": ("media",), "broadcaster": ("media",), "organisation": ("other",),
    "organization": ("other",), "union": ("other",), "association": ("other",),
    "federation": ("other",), "club": ("other",), "charity": ("other",),
    "service": ("government",), "authority": ("government",), "consultancy": ("company",),
    "exchange": ("company",), "fund": ("government", "other"),
}
_COMPANY_NOUNS = {n for n, kinds in GENERIC_NOUNS.items() if kinds[0] == "company"}
_GENERIC_RE = re.compile(
    r"(?:the|The)\s+(" + "|".join(sorted(GENERIC_NOUNS, key=len, reverse=True)) + r")\b(?!')"
)
_SPOKES_RE = re.compile(
    r"(?:an?|the|one)\s+(?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|representative|"
    r"statement|official|press release|post|letter|report)s?\s+(?:for|of|from|by|at)\s+"
)
_SPOKES_PREFIX_RE = re.compile(
    r"(?:an?|the)\s+(" + "|".join(sorted(GENERIC_NOUNS, key=len, reverse=True))
    + r")\s+(?:spokes(?:man|woman|person)|official|statement|representative)\b"
)
_SPOKES_NOUN = r"(?:spokes(?:man|woman|person)|official|representative)s?"
_MOD_GENERIC_RE = re.compile(
    r"(?:the|The)\s+((?:[a-z][\w-]*'?\s+){1,2}?)("
    + "|".join(sorted(GENERIC_NOUNS, key=len, reverse=True)) + r")\b(?!')"
)
_ROLE_REF_RE = re.compile(
    r"(?:the|The)\s+((?:[A-Z][\w&'.-]*\s+){0,3}?)((?:[a-z-]+\s+){0,2}(?:executive|officer|"
    r"director|chief|minister|secretary|president|chairman|chairwoman|chair|spokesman|"
    r"spokeswoman|spokesperson|analyst|economist|professor|mayor|governor|senator|founder|"
    r"leader|manager|head|treasurer|chancellor|commissioner))\b"
)
_PRONOUN_RE = re.compile(r"(he|she|He|She|it|It)\b")
_SENT_END_RE = re.compile(r"[.!?][\"”’']?(?=\s)|\n")


@dataclass
class _Speaker:
    entity: Entity | None
    written: str
    end: int
    method: str


@dataclass
class _Segment:
    open: int
    close: int
    para: tuple[int, int]
    unclosed: bool = False  # runs to the paragraph end; continued in the next paragraph


def _single_close(text: str, i: int, pe: int) -> int:
    """How surely the ’ at ``i`` closes a single-quoted segment: 0 = it is an apostrophe
    (``don’t``), 1 = ambiguous (``the workers’ union``), 2 = a closing mark."""
    nxt = text[i + 1] if i + 1 < pe else ""
    if nxt.isalnum():
        return 0
    prev = text[i - 1] if i > 0 else ""
    if prev in ",.!?…;:—–-" or not nxt.strip() and i + 1 >= pe or nxt in ",.;:!?)—–":
        return 2
    return 1 if prev in "sSzZ" else 2


def _single_segments(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """British-style ‘…’ quotes of one paragraph. ``‘`` opens after a space, dash, bracket or
    the paragraph start; the closing ``’`` is told from apostrophes by what follows it (a
    letter: apostrophe) and, for ``s’`` + space (plural possessive or close), by whether a
    surer closing mark follows before the next opening one."""
    out: list[tuple[int, int]] = []
    i = ps
    while i < pe:
        if text[i] == "\u2018" and (i == ps or text[i - 1] in " \t([—–-\u201c\"") \
                and i + 1 < pe and not text[i + 1].isspace():
            best = None
            for j in range(i + 1, min(pe, i + 3000)):  # a quote is never longer
                if text[j] == "\u2018" and text[j - 1].isspace():
                    break
                if text[j] == "\u2019":
                    sure = _single_close(text, j, pe)
                    if sure == 2:
                        best = j
                        break
                    if sure == 1 and best is None:
                        best = j
            if best is None:
                i += 1
                continue
            out.append((i, best))
            i = best + 1
            continue
        i += 1
    return out


# straight single marks, only in paragraphs without other quote marks and only in their
# unambiguous form: opening before a capital letter, closing right after , . ! ? or …
_STRAIGHT_SINGLE_RE = re.compile(r"(?:^|(?<=[\s(\[—–]))'(?=[A-Z])"
                                 r"(?:[^'\n]|'(?=[a-z])|(?<=s)'(?=\s[a-z])){0,1500}?[,.!?…]'(?!\w)")


def find_segments(text: str) -> list[_Segment]:
    """Pair quote marks paragraph by paragraph.

    A mark left open at the end of a paragraph is kept (up to the paragraph end) only when
    the next paragraph opens with a quote mark: the news convention for a quote running over
    several paragraphs. Otherwise it is skipped. British-style single marks (‘…’) are
    quotes too, except when nested inside a double-quoted segment; straight single marks
    only in paragraphs without other marks (see ``_STRAIGHT_SINGLE_RE``)."""
    segs: list[_Segment] = []
    paras = paragraphs(text)
    for k, (ps, pe) in enumerate(paras):
        open_pos: int | None = None
        found = False
        for i in range(ps, pe):
            c = text[i]
            if c in OPEN_MARKS:
                open_pos = i
            elif c in CLOSE_MARKS:
                if open_pos is not None:
                    segs.append(_Segment(open_pos, i, (ps, pe)))
                    found = True
                    open_pos = None
                elif (i == ps or text[i - 1].isspace()) and i + 1 < pe and text[i + 1].isalnum():
                    open_pos = i  # a closing mark used as an opening one
            elif c == STRAIGHT:
                if open_pos is None:
                    open_pos = i
                else:
                    segs.append(_Segment(open_pos, i, (ps, pe)))
                    found = True
                    open_pos = None
        if open_pos is not None and k + 1 < len(paras):
            nps = paras[k + 1][0]
            if text[nps] in OPEN_MARKS + STRAIGHT and not text[ps:nps].count("\n") > 3:
                end = pe
                while end > open_pos + 1 and text[end - 1].isspace():
                    end -= 1
                segs.append(_Segment(open_pos, end, (ps, pe), unclosed=True))
                found = True
        if "\u2018" in text[ps:pe]:
            double = [(x.open, x.close) for x in segs if x.para == (ps, pe)] if found else []
            segs.extend(_Segment(a, b, (ps, pe)) for a, b in _single_segments(text, ps, pe)
                        if not any(da < b and a < db for da, db in double))
        elif not found and "'" in text[ps:pe]:
            segs.extend(_Segment(ps + m.start(), ps + m.end() - 1, (ps, pe))
                        for m in _STRAIGHT_SINGLE_RE.finditer(text[ps:pe]))
    segs.sort(key=lambda x: x.open)
    return [s for s in segs if text[s.open + 1:s.close].strip()]


class QuoteFinder:
    """Attributes quote segments to speakers using the article's entities."""

    def __init__(self, text: str, norm: str, index: EntityIndex) -> None:
        self.text = text
        self.norm = norm
        self.index = index
        self.segments = find_segments(text)
        self._inside = [(s.open, s.close + 1) for s in self.segments]

    # -- speaker resolution -------------------------------------------------------------
    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self._inside)

    def _sentence_start(self, pos: int, floor: int) -> int:
        starts = [m.end() for m in _SENT_END_RE.finditer(self.norm, floor, pos)]
        return max(starts, default=floor)

    def resolve_pronoun(self, pos: int, pronoun: str) -> Entity | None:
        """``he``/``she``: subject of the sentence naming a person most recently (outside
        quotes); ``it``: the most recently mentioned organization."""
        want = "ORG" if pronoun.casefold() == "it" else "PERSON"
        cands = [(m, e) for m, e in self.index.mentions
                 if m.end <= pos and e.label == want and not self._in_quote(m.start)
                 and not m.in_heading]
        if not cands:
            return None
        last_m, last_e = cands[-1]
        if want == "ORG":
            return last_e
        sent_start = self._sentence_start(last_m.start, 0)
        same_sentence = [e for m, e in cands if m.start >= sent_start]
        return same_sentence[0] if same_sentence else last_e

    def resolve_generic(self, noun: str, pos: int) -> Entity | None:
        """"the ministry" -> the organization introduced with that noun ("the supporters'
        association X"), else the latest one whose name starts with it ("Ministry of ..."),
        else, for company-like nouns, the most-mentioned company so far, else the latest
        organization of a matching kind."""
        noun = noun.casefold()
        kinds = GENERIC_NOUNS.get(noun, ("other",))
        orgs = [(m, e) for m, e in self.index.mentions if m.end <= pos and e.label == "ORG"]
        for m, e in reversed(orgs):
            before = self.norm[max(0, m.start - 40):m.start].casefold()
            after = self.norm[m.end:m.end + 60].casefold()
            if re.search(rf"\b{re.escape(noun)}'?,?\s+$", before) or re.match(
                    rf",\s+(?:the|a|an)\s+(?:[\w'-]+\s+){{0,3}}?{re.escape(noun)}\b", after):
                return e
        for _, e in reversed(orgs):
            words = e.name.casefold().split()
            if noun not in _COMPANY_NOUNS and noun in words:
                return e
        if noun in _COMPANY_NOUNS:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for m, e in orgs:
                if e.kind in ("company", "other"):
                    counts[e.name] = counts.get(e.name, 0) + 1
                    first.setdefault(e.name, m.start)
            if counts:
                best = max(counts, key=lambda n: (counts[n], -first[n]))
                return self.index.by_name(best)
        for kind in kinds:
            for _, e in reversed(orgs):
                if e.kind == kind:
                    return e
        return None

    def resolve_modified_generic(self, noun: str, pos: int) -> Entity | None:
        """"the employers' group", "the pilots' union": the first organization of a
        matching kind named (outside quotes) earlier in the same paragraph, the paragraph's
        subject; else as :meth:`resolve_generic`."""
        kinds = GENERIC_NOUNS.get(noun.casefold(), ("other",))
        para_start = self.norm.rfind("\n", 0, pos) + 1
        for m, e in self.index.mentions:
            if para_start <= m.start and m.end <= pos and e.label == "ORG" \
                    and not self._in_quote(m.start) and e.kind in kinds:
                return e
        return self.resolve_generic(noun, pos)

    def resolve_role(self, org: str, role: str, pos: int) -> Entity | None:
        """"the chief executive said", "the Acme chief said": the person most recently
        mentioned before ``pos`` whose description holds that role (and organization)."""
        role_key = " ".join(role.casefold().split())
        org_key = name_key(org) if org.strip() else ""
        best = None
        for m, e in self.index.mentions:
            if m.end > pos:
                break
            desc = name_key(e.description or "") if e.label == "PERSON" else ""
            if desc and role_key in desc and (not org_key or org_key in desc):
                best = e
        return best

    def speaker_at(self, pos: int, limit: int) -> _Speaker | None:
        """The speaker expression starting at ``pos`` (pronoun, name, generic organization)."""
        rest = self.norm[pos:limit]
        m = _PRONOUN_RE.match(rest)
        if m:
            ent = self.resolve_pronoun(pos, m.group(1))
            return _Speaker(ent, self.text[pos:pos + m.end()], pos + m.end(), "pronoun")
        m = _SPOKES_PREFIX_RE.match(rest)
        if m:
            ent = self.resolve_generic(m.group(1), pos)
            return _Speaker(ent, self.text[pos:pos + m.end()], pos + m.end(), "organization")
        m = _SPOKES_RE.match(rest)
        if m:
            inner = self.speaker_at(pos + m.end(), limit)
            if inner and (inner.entity is None or inner.entity.label == "ORG"):
                return _Speaker(inner.entity, self.text[pos:inner.end], inner.end,
                                "organization")
        m = _ROLE_REF_RE.match(rest)
        if m and re.match(rf"\s*(?:[.;]|$|{_ADV}(?:{VERBS})\b)", rest[m.end():]):
            ent = self.resolve_role(m.group(1), m.group(2), pos)
            if ent:
                return _Speaker(ent, self.text[pos:pos + m.end()], pos + m.end(), "role")
        m = _GENERIC_RE.match(rest)
        if m:
            hit = self.index.mention_at(pos, slack=4)
            if hit and hit[0].start <= pos + 4:
                return _Speaker(hit[1], hit[0].text, hit[0].end, _method_for(hit[1]))
            ent = self.resolve_generic(m.group(1), pos)
            return _Speaker(ent, self.text[pos:pos + m.end()], pos + m.end(), "organization")
        m = _MOD_GENERIC_RE.match(rest)
        if m and not self.index.mention_at(pos, slack=len(m.group()) - 1):
            ent = self.resolve_modified_generic(m.group(2), pos)
            return _Speaker(ent, self.text[pos:pos + m.end()], pos + m.end(), "organization")
        # a name, possibly after titles/descriptors ("Dr.", "Foreign Minister", "the")
        window = self.norm[pos:min(limit, pos + 70)]
        reach = pos + len(window)
        for stop in re.finditer(r"[.;!?](?=\s|$)|[“”\"]", window):
            word = re.search(r"([\w]+)$", window[:stop.start()])
            if stop.group() == "." and word and (
                    word.group(1).casefold() in TITLES or len(word.group(1)) == 1):
                continue
            reach = pos + stop.start()
            break
        for mention, ent in self.index.mentions:
            if mention.start < pos:
                continue
            if mention.start > reach:
                break
            between = self.norm[pos:mention.start]
            if not _only_titles(between):
                break
            if ent.label == "ORG":  # "European Central Bank President Christine Lagarde"
                nxt = next(((m2, e2) for m2, e2 in self.index.mentions
                            if mention.end < m2.start <= mention.end + 40), None)
                gap = self.norm[mention.end:nxt[0].start] if nxt else ""
                if nxt and nxt[1].label == "PERSON" and (
                        re.fullmatch(r"(?:\s+[A-Z][\w.-]*){1,4}\s+", gap)
                        or re.fullmatch(r"(?:\s+[\w.-]+){1,5}\s+", gap) and _only_titles(gap)):
                    return _Speaker(nxt[1], nxt[0].text, nxt[0].end, "speech_verb")
            if ent.label == "ORG" and self.norm.startswith("'s ", mention.end):
                # "the Harbour Trust's Jane Doe", "Acme's chief economist, Jane Doe"
                nxt = next(((m2, e2) for m2, e2 in self.index.mentions
                            if mention.end < m2.start <= mention.end + 50), None)
                if nxt and nxt[1].label == "PERSON" and _only_titles(
                        self.norm[mention.end + 3:nxt[0].start].rstrip(", ")):
                    return _Speaker(nxt[1], nxt[0].text, nxt[0].end, "speech_verb")
            tail = re.match(r"'s\s+[^,.;“”\"]{1,60},\s+", self.norm[mention.end:limit])
            if ent.label == "ORG" and tail:
                hit = self.index.mention_at(mention.end + tail.end())
                if hit and hit[0].start == mention.end + tail.end() and hit[1].label == "PERSON":
                    return _Speaker(hit[1], hit[0].text, hit[0].end, "speech_verb")
            return _Speaker(ent, mention.text, mention.end, _method_for(ent))
        return None

    # -- attribution ---------------------------------------------------------------------
    def _after(self, seg: _Segment, limit: int) -> tuple[_Speaker, str | None] | None:
        pos = seg.close + 1
        m = re.match(r"[\s,.;:!?—–\-]*", self.norm[pos:limit])
        q = pos + (m.end() if m else 0)
        rest = self.norm[q:limit]
        vm = re.match(rf"{_ADV}({VERBS})\b\s*", rest)
        if vm:
            sp = self.speaker_at(q + vm.end(), limit)
            if sp:
                return sp, vm.group(1)
            return None
        am = re.match(r"according\s+to\s+", rest, re.IGNORECASE)
        if am:
            sp = self.speaker_at(q + am.end(), limit)
            if sp:
                sp.method = "according_to"
                return sp, "according to"
            return None
        sp = self.speaker_at(q, limit)
        if sp and sp.end <= limit:
            tail = self.norm[sp.end:limit]
            vm = re.match(
                rf"(?:'s)?\s*(?:{_SPOKES_NOUN}\s+)?(?:,[^,“”\"]{{1,160}},\s*|,\s*)?{_ADV}"
                rf"({VERBS})\b", tail)
            if vm:
                return sp, vm.group(1)
        return None

    def _before(self, seg: _Segment, floor: int) -> tuple[_Speaker, str | None] | None:
        region = self.norm[floor:seg.open]
        am = re.search(r"(?:according|According)\s+to\s+([^“”\"]{1,120}?)[,:]\s*$", region)
        if am:
            sp = self.speaker_at(floor + am.start(1), seg.open)
            if sp:
                sp.method = "according_to"
                return sp, "according to"
        vm = re.search(rf"\b({VERBS})\b(?:[^.!?“”\"]{{0,60}}?[:,]|\s+that)?\s*$", region)
        if not vm:
            return self._colon_intro(seg, floor)
        verb_start = floor + vm.start()
        sent_start = self._sentence_start(verb_start, floor)
        return self._subject(seg.open, verb_start, sent_start, vm.group(1))

    def _colon_intro(self, seg: _Segment, floor: int) -> tuple[_Speaker, str | None] | None:
        """"Smith put it bluntly: “…”" / "The ministry was blunt: “…”": a short sentence
        that starts with a name (after titles) and ends in a colon introduces the quote."""
        region = self.norm[floor:seg.open]
        if not re.search(r":\s*$", region):
            return None
        sent_start = self._sentence_start(seg.open - 1, floor)
        colon = floor + region.rstrip().rfind(":")
        if len(self.norm[sent_start:colon].split()) > 10:
            return None
        for mention, ent in self.index.mentions:
            if mention.start < sent_start:
                continue
            if mention.start >= colon or not _only_titles(self.norm[sent_start:mention.start]):
                return None
            return _Speaker(ent, mention.text, mention.end, _method_for(ent)), None
        return None

    def _subject(self, anchor: int, verb_start: int, sent_start: int,
                 verb: str) -> tuple[_Speaker, str | None] | None:
        """The speaker right before a speech verb: pronoun, generic organization or name."""
        del anchor
        before = self.norm[sent_start:verb_start]
        pm = re.search(rf"\b(he|she|He|She|it|It)\s+{_ADV}$", before)
        if pm:
            ent = self.resolve_pronoun(sent_start + pm.start(), pm.group(1))
            return _Speaker(ent, pm.group(1), sent_start + pm.end(1), "pronoun"), verb
        gm = re.search(r"((?:the|The)\s+(" + "|".join(GENERIC_NOUNS) + rf"))\s+{_ADV}$", before)
        if gm:
            ent = self.resolve_generic(gm.group(2), sent_start + gm.start())
            hit = self.index.mention_ending_at(sent_start + gm.end(1))
            if hit:
                ent = hit[1]
            return _Speaker(ent, gm.group(1), sent_start + gm.end(1), "organization"), verb
        cands = [(m, e) for m, e in self.index.mentions
                 if sent_start <= m.start and m.end <= verb_start]
        for mention, ent in reversed(cands):
            between = self.norm[mention.end:verb_start]
            if re.fullmatch(rf"(?:'s)?\s*(?:,[^“”\"]*,\s*)?{_ADV}", between) or (
                    ent.label == "PERSON" and re.fullmatch(rf",\s*{_ADV}", between)):
                return _Speaker(ent, mention.text, mention.end, _method_for(ent)), verb
        return None

    def _partial(self, seg: _Segment, floor: int) -> tuple[_Speaker, str | None] | None:
        """A short phrase quoted inside reported speech ("X said the offer was “fair”") is
        attributed to the subject of that speech verb; other short phrases stay
        unattributed (scare quotes)."""
        sent_start = self._sentence_start(seg.open, floor)
        region = self.norm[sent_start:seg.open]
        verbs = list(re.finditer(rf"\b({VERBS})\b", region))
        for vm in reversed(verbs):
            verb_start = sent_start + vm.start()
            if any(s.open < verb_start < s.close for s in self.segments):
                continue
            fake = _Segment(verb_start + len(vm.group(1)), verb_start + len(vm.group(1)),
                            seg.para)
            found = self._subject(fake.open, verb_start, sent_start, vm.group(1))
            if found:
                return found
        return None

    def _continues_paragraph(self, prev: _Segment, seg: _Segment) -> bool:
        """A paragraph that opens with a quote and names no one continues the attributed
        quote that ended the previous paragraph (the news convention for long quotes)."""
        if prev.para == seg.para or self.norm[prev.para[1]:seg.para[0]].strip():
            return False
        if self.norm[seg.para[0]:seg.open].strip():
            return False
        if any(s.para == prev.para and s.open > prev.open for s in self.segments):
            return False
        outside = [(a, b) for a, b in self._inside if seg.para[0] <= a < seg.para[1]]
        rest, pos = [], seg.para[0]
        for a, b in outside:
            rest.append(self.norm[pos:a])
            pos = b
        rest.append(self.norm[pos:seg.para[1]])
        plain = " ".join(rest)
        if re.search(rf"\b({VERBS})\b|according to", plain, re.IGNORECASE):
            return False
        return not any(seg.para[0] <= m.start < seg.para[1] and not self._in_quote(m.start)
                       for m, _ in self.index.mentions)

    def _introduced(self, seg: _Segment) -> tuple[_Speaker, str | None] | None:
        """A paragraph that opens with an unattributed quote, right after a paragraph without
        quotes whose last sentence has a speech verb with a named subject ("Ortiz described
        the deaths as a failure." / "Ortiz said:"), is that subject's."""
        if self.norm[seg.para[0]:seg.open].strip():
            return None
        prev_end = seg.para[0]
        while prev_end > 0 and self.norm[prev_end - 1].isspace():
            prev_end -= 1
        prev_start = self.norm.rfind("\n", 0, prev_end) + 1
        if prev_end <= prev_start or self.norm[prev_end - 1] not in ".:":
            return None
        if any(prev_start <= s.open < prev_end for s in self.segments) or re.search(
                r"[“”\"]", self.norm[prev_start:prev_end]):
            return None
        sent_start = self._sentence_start(prev_end - 1, prev_start)
        region = self.norm[sent_start:prev_end]
        for vm in reversed(list(re.finditer(rf"\b({VERBS})\b", region))):
            verb_start = sent_start + vm.start()
            found = self._subject(verb_start, verb_start, sent_start, vm.group(1))
            if found and found[0].entity is not None:
                return found
        return None

    def _mid_sentence(self, seg: _Segment) -> bool:
        before = self.norm[seg.para[0]:seg.open].rstrip()
        return bool(before) and (before[-1].isalnum() or before[-1] in "'’")

    def _is_scare(self, seg: _Segment) -> bool:
        inner = self.text[seg.open + 1:seg.close].strip()
        if len(inner.split()) >= 5 or inner[-1:] in ",.!?…":
            return False
        return self._mid_sentence(seg)

    def quotes(self) -> list[Quote]:
        """All quote segments, attributed where a rule applies."""
        out: list[Quote] = []
        prev: tuple[_Segment, _Speaker, str | None] | None = None
        for i, seg in enumerate(self.segments):
            nxt = self.segments[i + 1] if i + 1 < len(self.segments) else None
            limit = nxt.open if nxt and nxt.para == seg.para else seg.para[1]
            floor = seg.para[0]
            if prev and prev[0].para == seg.para:
                floor = prev[0].close + 1
            found = None
            method_override = None
            if self._is_scare(seg):
                found = self._partial(seg, floor)
                if found:
                    method_override = found[0].method
            else:
                found = self._after(seg, limit) or self._before(seg, floor)
                if found is None and prev and prev[0].para == seg.para:
                    gap = self.norm[prev[0].close + 1:seg.open]
                    if prev[2]:
                        gap = re.sub(rf"\b{re.escape(prev[2])}\b", " ", gap, count=1)
                    if not re.search(rf"\b({VERBS})\b|[“”\"]", gap) and len(gap) < 300:
                        found = (prev[1], prev[2])
                        method_override = "continuation"
                if found is None and self._mid_sentence(seg):
                    found = self._partial(seg, floor)
                if found is None and prev and self._continues_paragraph(prev[0], seg):
                    found = (prev[1], prev[2])
                    method_override = "continuation"
                if found is None:
                    found = self._introduced(seg)
                    if found:
                        method_override = "previous_paragraph"
            inner_start, inner_end = seg.open + 1, seg.close
            if found is None:
                out.append(Quote(self.text[inner_start:inner_end], inner_start, inner_end,
                                 None, None, None, None, "unattributed", 0.5))
                prev = None
                continue
            sp, verb = found
            ent = sp.entity
            method = method_override or sp.method
            conf = {"speech_verb": 0.9, "organization": 0.8, "according_to": 0.8,
                    "pronoun": 0.7, "continuation": 0.85}.get(method, 0.6)
            if self._is_scare(seg) or (method_override == "continuation"
                                       and prev and prev[0].para != seg.para) \
                    or method_override == "previous_paragraph":
                conf = 0.6  # a partial quote, or a quote paragraph continuing the last one
            if ent is None:
                conf = 0.3
            out.append(Quote(
                self.text[inner_start:inner_end], inner_start, inner_end,
                " ".join(sp.written.split()), ent.name if ent else None,
                ("person" if ent.label == "PERSON" else "organization") if ent else None,
                verb, method, conf))
            prev = (seg, sp, verb)
        # a paragraph left open whose quote is attributed only in the next paragraph
        for i in range(len(out) - 2, -1, -1):
            seg, nxt = self.segments[i], self.segments[i + 1]
            q, qn = out[i], out[i + 1]
            if (seg.unclosed and q.speaker_name is None and qn.speaker_name is not None
                    and nxt.para[0] > seg.para[0]
                    and not self.norm[seg.para[1]:nxt.open].strip()):
                out[i] = Quote(q.text, q.start, q.end, qn.speaker_name, qn.speaker,
                               qn.speaker_type, qn.verb, "continuation", 0.6)
        return out


_TITLE_OK = {"the", "a", "an", "of", "and", "&"}


def _only_titles(between: str) -> bool:
    """Words allowed between a speech verb and the speaker's name: titles, capitalised
    descriptors, role words and possessive organizations ("the company's chief executive,").
    Up to three other lowercase words are allowed when the words end in a role word or title
    ("EU antitrust chief", "the bank's head of retail lending")."""
    words = re.findall(r"[^\s,]+", between)
    other = 0
    for word in words:
        w = word.casefold().rstrip(".")
        if w.endswith("'s"):
            w = w[:-2]
        if word[0].isupper() or w in TITLES or w in _TITLE_OK or w in ROLE_WORDS \
                or w in GENERIC_NOUNS:
            continue
        if not re.fullmatch(r"[a-z][a-z-]*", w):
            return False
        other += 1
    if not other:
        return True
    last = words[-1].casefold().rstrip(".") if words else ""
    return other <= 3 and (last in ROLE_WORDS or last in TITLES)


def _method_for(ent: Entity) -> str:
    return "speech_verb" if ent.label == "PERSON" else "organization"


def extract_quotes(text: str, norm: str, index: EntityIndex) -> list[Quote]:
    """Quotes of ``text`` with speakers resolved against ``index``."""
    return QuoteFinder(text, norm, index).quotes()
