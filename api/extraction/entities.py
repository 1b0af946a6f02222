"""People and organizations: spaCy NER plus rules, cleaned and resolved within the article.

Pipeline:

1. PERSON/ORG entities from the NER pass, trimmed (newlines, leading "the", titles such as
   "Dr." or "President", possessive "'s"/"’s").
2. Rule-based organization names ("... Institute", "Ministry of ...") where NER missed them,
   and acronyms introduced in parentheses ("International Monetary Fund (IMF)").
3. Clustering: multi-word names are canonical; accent variants and obvious misspellings of a
   name seen in the same article (rapidfuzz ratio >= 88, one word different) become aliases;
   single-word mentions ("Putin", "Kim") resolve to the full name that shares the word and
   was mentioned most recently before (or, failing that, first after).
4. A string scan adds mentions NER missed (surnames, full names).
5. Entities seen only in headings/title lines are dropped (title case confuses NER); places
   (GPE/LOC, or names NER mostly tags as places) are never people or organizations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio
from spacy.tokens import Doc

from api.extraction.text import is_heading, name_key, paragraphs

TITLES = {
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "president", "sen", "senator",
    "gov", "governor", "rep", "gen", "general", "sir", "dame", "lord", "lady", "judge",
    "justice", "minister", "chancellor", "premier", "king", "queen", "prince", "princess",
    "pope", "ceo", "chairman", "chairwoman", "secretary", "ambassador", "mayor", "rev",
    "father", "capt", "captain", "col", "colonel", "lt", "sgt", "mme", "mlle", "herr", "frau",
    "señor", "sr", "sra", "leader", "chief", "commissioner", "director", "economist",
    "analyst", "spokesman", "spokeswoman", "spokesperson", "vice", "deputy", "prime",
}
HONORIFICS = {"dr", "prof", "professor"}
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "him"}
_ORG_STOP = {"new", "updated", "leave a comment", "covid", "covid-19", "brexit", "cold war"}
_LEADING_STOP = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "last", "yesterday", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "but",
    "and", "as", "while", "when", "after", "before", "since", "if", "meanwhile", "both",
}
_LETTER_UP = r"A-ZÀ-ÖØ-Þ"
_CAP = rf"[{_LETTER_UP}][\w&'.\-]*"
_CONNECT = r"(?:of|for|and|on|the|de|du|des|la|le|del|di|&|für|y)"
_HEAD_KEYWORDS = (
    r"Ministry|Department|University|Bank|Center|Centre|Institute|Council|Commission|Office|"
    r"School|Academy|Federation|Association|Organi[sz]ation|Court|Committee|Board|Union|Fund|"
    r"League|Agency|Society|Chamber|Museum|Foundation|College|Authority|Bureau|Party"
)
_TAIL_KEYWORDS = (
    r"Institute|Institution|University|College|Bank|Ministry|Agency|Commission|Council|"
    r"Corporation|Corp\.?|Company|Inc\.?|Ltd\.?|plc|PLC|Group|Holdings|Foundation|Fund|"
    r"Association|Federation|Organi[sz]ation|Authority|Department|Office|Party|Union|Center|"
    r"Centre|Society|Laborator(?:y|ies)|Court|Committee|Board|Forum|Network|Times|Post|News|"
    r"Journal|Airlines|Airways|Motors|Energy|Bureau|Academy|School|Trust|Partners|Capital|"
    r"Securities|Insurance|Exchange|Reserve|Parliament|Senate|Congress|Assembly|Tribunal|"
    r"Police|Army|Navy|Forces|Guard|Industries|Technologies|Systems|Pharmaceuticals|Motor"
)
_ORG_HEAD_RE = re.compile(
    rf"(?:{_CAP}\s+){{0,3}}(?:{_HEAD_KEYWORDS})\s+(?:of|for|on)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP}){{0,5}}"
)
_ORG_TAIL_RE = re.compile(
    rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP}){{0,5}}?\s+(?:{_TAIL_KEYWORDS})(?![\w])"
)
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")

KIND_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("university", re.compile(
        r"\b(University|Universit\w+|College|Polytechnic|Institute of Technology|"
        r"Business School|School of)\b")),
    ("media", re.compile(
        r"\b(News|Times|Post|Journal|Reuters|Bloomberg|Associated Press|AFP|BBC|CNN|"
        r"Broadcasting|Television|Radio|Gazette|Herald|Tribune|Telegraph|Guardian|Media|"
        r"Newspaper|Magazine|TASS|Xinhua|Yonhap|Al Jazeera)\b")),
    ("think tank", re.compile(
        r"\b(Institute|Institution|Center for|Centre for|Foundation|Council on|Brookings|"
        r"RAND|Carnegie|Chatham House|Think Tank)\b")),
    ("military", re.compile(
        r"\b(Army|Navy|Air Force|Armed Forces|Marines|Military|Defen[cs]e Forces|Pentagon|"
        r"NATO|National Guard|Coast Guard)\b")),
    ("government", re.compile(
        r"\b(Ministry|Department|Government|Kremlin|White House|Downing Street|Parliament|"
        r"Senate|Congress|Commission|Agency|Authority|Office|Bureau|Cabinet|Court|Police|"
        r"Treasury|Central Bank|Reserve Bank|Federal Reserve|European Union|United Nations|"
        r"Assembly|Duma|Embassy|Administration|Regulator|Council|Monetary Fund|World Bank|"
        r"Party|Bundesbank|Elysée|Elysee)\b")),
    ("company", re.compile(
        r"\b(Inc|Corp|Corporation|Company|Co|Ltd|plc|PLC|Group|Holdings|LLC|AG|SA|SE|GmbH|NV|"
        r"Bank|Airlines|Airways|Motors?|Energy|Technologies|Systems|Capital|Partners|"
        r"Securities|Insurance|Pharma\w*|Industries|Petroleum|Oil|Gas|Steel|Electric|"
        r"Telecom|Labs|Foods|Retail|Logistics|Shipping|Mining|Software)\b")),
]


@dataclass
class Mention:
    """One mention of an entity: ``[start, end)`` in the original text."""

    start: int
    end: int
    text: str
    label: str
    in_heading: bool = False
    method: str = "ner"
    honorific: str | None = None


@dataclass
class Entity:
    """A resolved person or organization with all its mentions."""

    label: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    extra_aliases: list[str] = field(default_factory=list)
    method: str = "ner"
    confidence: float = 0.8
    kind: str = "other"
    parent: str | None = None
    description: str | None = None
    first_token_ok: bool = False

    @property
    def aliases(self) -> list[str]:
        """Distinct surface forms other than the canonical name, in order of appearance."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        forms = [m.text for m in ordered] + self.extra_aliases
        forms += [f"{m.honorific} {m.text}" for m in ordered if m.honorific]
        out: list[str] = []
        for form in forms:
            form = " ".join(form.split())
            if form != self.name and form not in out:
                out.append(form)
        return out

    def keys(self) -> set[str]:
        """Comparison keys of the name and every surface form."""
        return {name_key(self.name)} | {name_key(m.text) for m in self.mentions} | {
            name_key(a) for a in self.extra_aliases
        }

    def tokens(self) -> list[str]:
        """Comparison keys of the canonical name's words."""
        return name_key(self.name).split()

    def last_full_before(self, pos: int) -> int:
        """Start of the latest multi-word mention before ``pos`` (-1 if none)."""
        starts = [m.start for m in self.mentions if m.start < pos and " " in m.text.strip()]
        return max(starts, default=-1)

    def first_full(self) -> int:
        """Start of the first multi-word mention (a large number if none)."""
        starts = [m.start for m in self.mentions if " " in m.text.strip()]
        return min(starts, default=10**9)


def _has_accents(s: str) -> bool:
    return any(ord(c) > 127 for c in s)


@dataclass
class EntityIndex:
    """Resolved people and organizations plus a position-sorted list of all mentions."""

    people: list[Entity]
    organizations: list[Entity]
    mentions: list[tuple[Mention, Entity]]

    def mention_at(self, pos: int, slack: int = 0) -> tuple[Mention, Entity] | None:
        """The mention starting at ``pos`` (or within ``slack`` characters after it)."""
        for m, e in self.mentions:
            if pos <= m.start <= pos + slack:
                return m, e
            if m.start > pos + slack:
                break
        return None

    def mention_ending_at(self, pos: int) -> tuple[Mention, Entity] | None:
        """The mention whose end is exactly ``pos``."""
        for m, e in self.mentions:
            if m.end == pos:
                return m, e
        return None

    def by_name(self, name: str) -> Entity | None:
        """The entity with canonical ``name``."""
        for e in self.people + self.organizations:
            if e.name == name:
                return e
        return None


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    for suffix in ("'s", "'S", "'"):
        if seg.endswith(suffix) and len(seg) > len(suffix) + 1:
            return start, end - len(suffix)
    return start, end


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int, str | None]:
    """Trim an entity span: newline, surrounding punctuation, articles, titles, possessive."""
    seg = text[start:end]
    if "\n" in seg:
        end = start + seg.index("\n")
    honorific = None
    while start < end:
        seg = text[start:end]
        m = re.match(r"(?:the|The|THE)\s+", seg)
        if m:
            start += m.end()
            continue
        if label == "PERSON":
            m = re.match(r"([^\W\d_][\w]*\.?)\s+", seg)
            if m and m.group(1).rstrip(".").casefold() in TITLES and " " in seg.strip():
                if m.group(1).rstrip(".").casefold() in HONORIFICS:
                    honorific = m.group(1)
                start += m.end()
                continue
        break
    while start < end and not (text[start].isalnum()):
        start += 1
    start, end = _strip_possessive(text, start, end)
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"\b\w\.$", text[start:end]):
        end -= 1
    return start, end, honorific


def _valid_person(s: str) -> bool:
    words = s.split()
    if not words or len(words) > 5 or any(ch.isdigit() for ch in s):
        return False
    if s.casefold() in _PRONOUNS:
        return False
    if not all(w[0].isupper() or w.casefold() in {"de", "van", "von", "bin", "al", "da", "di",
                                                   "le", "la", "del", "dos", "der"}
               for w in words):
        return False
    return not (len(words) == 1 and s.isupper() and len(s) > 1)


def _valid_org(s: str) -> bool:
    if not s or len(s) < 2 or s.casefold() in _ORG_STOP:
        return False
    if not any(c.isupper() for c in s):
        return False
    return not s.isdigit()


def org_kind(name: str) -> str:
    """Keyword heuristic for an organization's kind."""
    for kind, pattern in KIND_RULES:
        if pattern.search(name):
            return kind
    return "other"


def _heading_mask(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in paragraphs(text) if is_heading(text[s:e])]


def _in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _rule_orgs(norm: str) -> list[tuple[int, int]]:
    """Organization names found by keyword patterns, leading stop words removed."""
    found: list[tuple[int, int]] = []
    for pattern in (_ORG_HEAD_RE, _ORG_TAIL_RE):
        for m in pattern.finditer(norm):
            start, end = m.start(), m.end()
            seg = norm[start:end]
            if "\n" in seg:
                continue
            # drop leading stop words ("The", "Yesterday", ...)
            while True:
                w = re.match(r"(\S+)\s+", norm[start:end])
                if w and w.group(1).casefold().strip(",") in _LEADING_STOP:
                    start += w.end()
                else:
                    break
            start, end = _strip_possessive(norm, start, end)
            if end - start < 4 or " " not in norm[start:end].strip():
                continue
            # sentence-initial single capitalised word before a keyword is likely a stop word
            found.append((start, end))
    found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _raw_mentions(text: str, norm: str, doc: Doc) -> tuple[list[Mention], Counter[str], list]:
    headings = _heading_mask(text)
    label_votes: Counter[tuple[str, str]] = Counter()
    raw: list[Mention] = []
    place_spans = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP", "FAC"):
            place_spans.append((ent.start_char, ent.end_char))
            s, e, _ = _trim(norm, ent.start_char, ent.end_char, "ORG")
            label_votes[(name_key(norm[s:e]), "PLACE")] += 1
            continue
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        s, e, hon = _trim(norm, ent.start_char, ent.end_char, ent.label_)
        if e <= s:
            continue
        surface = " ".join(text[s:e].split())
        ok = _valid_person(norm[s:e]) if ent.label_ == "PERSON" else _valid_org(norm[s:e])
        if not ok:
            continue
        label_votes[(name_key(surface), ent.label_)] += 1
        raw.append(Mention(s, e, surface, ent.label_, _in_ranges(s, headings), "ner", hon))
    # rule-based organizations
    for s, e in _rule_orgs(norm):
        overlapping = [m for m in raw if m.start < e and s < m.end]
        inside_places = [p for p in place_spans if p[0] < e and s < p[1]]
        if any(m.start < s or m.end > e for m in overlapping):
            continue  # crosses an NER entity boundary: trust NER
        if overlapping and all(m.start == s and m.end == e for m in overlapping):
            continue
        if any(p[0] < s for p in inside_places) and not overlapping:
            continue
        for m in overlapping:
            raw.remove(m)
        surface = " ".join(text[s:e].split())
        label_votes[(name_key(surface), "ORG")] += 1
        raw.append(Mention(s, e, surface, "ORG", _in_ranges(s, headings), "rule"))
    raw.sort(key=lambda m: m.start)
    return raw, label_votes, headings


def _majority_label(key: str, votes: Counter[tuple[str, str]], default: str) -> str | None:
    counts = {lab: votes[(key, lab)] for lab in ("PERSON", "ORG", "PLACE")}
    best = max(counts.values())
    if counts[default] == best:
        return default
    return max(counts, key=lambda k: counts[k])


def _fuzzy_same(a: str, b: str) -> bool:
    """Obvious misspelling: same word count, one word differs by a single edit."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    diff = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 3 and Levenshtein.distance(x, y) > 0:
        return ratio(a, b) >= 88 and x[0] == y[0]
    return Levenshtein.distance(x, y) <= 1 and ratio(a, b) >= 85


def _cluster_people(mentions: list[Mention]) -> list[Entity]:
    full = [m for m in mentions if len(m.text.split()) >= 2]
    counts = Counter(name_key(m.text) for m in full)
    first_pos: dict[str, int] = {}
    surfaces: dict[str, list[str]] = {}
    for m in full:
        k = name_key(m.text)
        first_pos.setdefault(k, m.start)
        surfaces.setdefault(k, []).append(m.text)
    entities: list[Entity] = []
    key_to_entity: dict[str, Entity] = {}
    for k in sorted(counts, key=lambda k: (-counts[k], first_pos[k])):
        target = next((e for e in entities if any(_fuzzy_same(k, ek) for ek in e.keys())), None)
        if target is None:
            forms = Counter(surfaces[k])
            name = max(forms, key=lambda f: (_has_accents(f), forms[f], -surfaces[k].index(f)))
            target = Entity("PERSON", name)
            entities.append(target)
        key_to_entity[k] = target
        target.extra_aliases.extend([])
        # placeholder mention so keys() knows the key; real mentions are added below
        target.mentions.append(Mention(-1, -1, surfaces[k][0], "PERSON"))
    for e in entities:
        e.mentions = [m for m in e.mentions if m.start >= 0]
    for m in full:
        key_to_entity[name_key(m.text)].mentions.append(m)
    singles: dict[str, Entity] = {}
    for m in mentions:
        if len(m.text.split()) >= 2:
            continue
        target = resolve_single(m.text, m.start, entities)
        if target is None:
            k = name_key(m.text)
            target = singles.get(k)
            if target is None:
                target = Entity("PERSON", m.text, confidence=0.5)
                singles[k] = target
        target.mentions.append(m)
        tokens = target.tokens()
        if tokens and name_key(m.text) == tokens[0] and len(tokens) > 1:
            target.first_token_ok = True
    return entities + list(singles.values())


def resolve_single(word: str, pos: int, entities: list[Entity]) -> Entity | None:
    """Resolve a one-word name to the full name sharing the word, mentioned most recently."""
    k = name_key(word)
    cands = [e for e in entities if len(e.tokens()) >= 2 and k in (e.tokens()[0], e.tokens()[-1])]
    if not cands:
        cands = [e for e in entities if len(e.tokens()) >= 2 and k in e.tokens()]
    if not cands:
        return None
    before = [(e.last_full_before(pos), e) for e in cands if e.last_full_before(pos) >= 0]
    if before:
        return max(before, key=lambda t: t[0])[1]
    return min(cands, key=lambda e: e.first_full())


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in {
        "of", "for", "and", "the", "on", "de", "&", "in"}]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _cluster_orgs(mentions: list[Mention], norm: str) -> list[Entity]:
    entities: list[Entity] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text), m.start)):
        k = name_key(m.text)
        target = next((e for e in entities if k in e.keys()), None)
        if target is None and m.text.isupper() and len(m.text) <= 8:
            target = next((e for e in entities if _initials(e.name) == m.text.replace("&", "")
                           and len(e.name.split()) >= 2), None)
        if target is None:
            target = next(
                (e for e in entities if len(k) >= 8 and any(
                    ratio(k, ek) >= 92 for ek in e.keys())), None)
        if target is None:
            target = Entity("ORG", m.text, method=m.method,
                            confidence=0.8 if m.method == "ner" else 0.7)
            entities.append(target)
        target.mentions.append(m)
        acr = _ACRONYM_RE.match(norm, m.end)
        if acr and acr.group(1) not in target.extra_aliases:
            target.extra_aliases.append(acr.group(1))
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)
        e.kind = org_kind(e.name)
    return entities


def _scan_more(text: str, norm: str, doc: Doc, index: list[Entity],
               taken: list[tuple[int, int]], headings: list[tuple[int, int]]) -> None:
    """Add mentions of known names that NER missed (exact surface forms, surnames)."""
    blocked = taken + [(e.start_char, e.end_char) for e in doc.ents]
    forms: dict[str, set[int]] = {}
    for i, e in enumerate(index):
        cands = {m.text for m in e.mentions} | set(e.extra_aliases)
        if e.label == "PERSON" and len(e.name.split()) >= 2:
            last = e.name.split()[-1]
            if len(last) >= 3:
                cands.add(last)
            if e.first_token_ok:
                cands.add(e.name.split()[0])
        for f in cands:
            forms.setdefault(f, set()).add(i)
    people = [e for e in index if e.label == "PERSON"]
    for form in sorted(forms, key=len, reverse=True):
        if len(form) < 3 or not form[0].isupper():
            continue
        pat = re.compile(rf"(?<![\w\-]){re.escape(normalize_form(form))}(?![\w\-])")
        for m in pat.finditer(norm):
            s, e = m.start(), m.end()
            if any(bs < e and s < be for bs, be in blocked):
                continue
            owners = [index[i] for i in forms[form]]
            ent = owners[0]
            if len(owners) > 1 or (ent.label == "PERSON" and " " not in form):
                ent = resolve_single(form, s, people) or ent
            ent.mentions.append(Mention(s, e, " ".join(text[s:e].split()), ent.label, _in_ranges(s, headings),
                                        "string_match"))
            blocked.append((s, e))


def normalize_form(form: str) -> str:
    """Surface form as it appears in the normalised text (curly apostrophes straightened)."""
    return form.replace("\u2019", "'").replace("\u00a0", " ")


def extract_entities(text: str, norm: str, doc: Doc) -> EntityIndex:
    """Find, clean and resolve the people and organizations of an article."""
    raw, votes, headings = _raw_mentions(text, norm, doc)
    persons, orgs = [], []
    for m in raw:
        lab = _majority_label(name_key(m.text), votes, m.label)
        if lab == "PLACE" or lab is None:
            continue
        m.label = lab
        (persons if lab == "PERSON" else orgs).append(m)
    people = _cluster_people(persons)
    organizations = _cluster_orgs(orgs, norm)
    everything = people + organizations
    taken = [(m.start, m.end) for e in everything for m in e.mentions]
    _scan_more(text, norm, doc, everything, taken, headings)
    kept_people = [e for e in people if any(not m.in_heading for m in e.mentions)]
    kept_orgs = [e for e in organizations if any(not m.in_heading for m in e.mentions)]
    for e in kept_people + kept_orgs:
        e.mentions.sort(key=lambda m: m.start)
        if e.label == "PERSON" and len(e.name.split()) < 2:
            e.method = "ner_single_name"
    mentions = sorted(((m, e) for e in kept_people + kept_orgs for m in e.mentions),
                      key=lambda t: t[0].start)
    return EntityIndex(kept_people, kept_orgs, mentions)
