"""Organizations: kind heuristics, clustering of mentions, short forms and acronyms
("U.N." with "United Nations", "EU Commission" with "European Commission": the short
forms are data, rules/short_forms.txt)."""

from __future__ import annotations

import re

from rapidfuzz.fuzz import ratio

from api.extraction import rules
from api.extraction.entity_model import Entity, Mention
from api.extraction.text import name_key

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
        r"Telecom|Labs|Foods|Retail|Logistics|Shipping|Mining|Software|Semiconductors?|"
        r"Electronics|Chemicals|Therapeutics|Biotech|Infrastructure|Construction|Airlines|"
        r"Semiconductor|Automotive|Communications|Resources|Brands|Entertainment)\b")),
]


def org_kind(name: str) -> str:
    """Keyword heuristic for an organization's kind."""
    for kind, pattern in KIND_RULES:
        if pattern.search(name):
            return kind
    return "other"


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in {
        "of", "for", "and", "the", "on", "de", "&", "in"}]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _expansions(key: str) -> list[str]:
    """Name keys that a key starting with a short form may stand for (rules/short_forms.txt):
    "eu commission" -> "european commission", "european union commission"; "u s senate"
    (from "U.S. Senate") -> "united states senate", ..."""
    words = key.split()
    letters = 0
    while letters < len(words) and len(words[letters]) == 1:
        letters += 1
    lead, rest = (("".join(words[:letters]), words[letters:]) if letters >= 2
                  else (words[0] if words else "", words[1:]))
    if not rest:
        return []
    return [" ".join([full, *rest]) for full in rules.pairs("short_forms").get(lead, ())]


class _OrgKeys:
    """Name keys, initials and key ends of the organizations formed so far, so that each
    new mention is matched with dictionary look-ups instead of a pass over all of them."""

    def __init__(self) -> None:
        self.by_key: dict[str, Entity] = {}
        self.by_initials: dict[str, Entity] = {}
        self.by_end: dict[str, list[tuple[str, Entity]]] = {}

    def add_key(self, key: str, e: Entity) -> None:
        self.by_key.setdefault(key, e)
        if len(key) >= 7:  # a ratio of 92 to a key of 8 or more characters needs 7
            for end in (f"<{key[:4]}", f">{key[-4:]}"):
                self.by_end.setdefault(end, []).append((key, e))

    def add_entity(self, e: Entity) -> None:
        if len(e.name.split()) >= 2:
            self.by_initials.setdefault(_initials(e.name), e)

    def similar(self, key: str, order: dict[int, int]) -> Entity | None:
        """The earliest organization with a key of rapidfuzz ratio >= 92 to ``key``. Only
        keys sharing its first or last four characters are compared: a misspelling that
        close changes one end at most."""
        cands = self.by_end.get(f"<{key[:4]}", []) + self.by_end.get(f">{key[-4:]}", [])
        hits = [e for k, e in cands if ratio(key, k) >= 92]
        return min(hits, key=lambda e: order[id(e)]) if hits else None


def cluster_orgs(mentions: list[Mention], norm: str) -> list[Entity]:
    entities: list[Entity] = []
    order: dict[int, int] = {}
    index = _OrgKeys()
    for m in sorted(mentions, key=lambda m: (-len(m.text), m.start)):
        k = name_key(m.text)
        target = index.by_key.get(k)
        if target is None and m.text.isupper() and len(m.text) <= 8:
            target = index.by_initials.get(m.text.replace("&", "").replace(".", ""))
        if target is None:
            target = next((index.by_key[e] for e in _expansions(k) if e in index.by_key), None)
        if target is None and len(k) >= 8:
            target = index.similar(k, order)
        if target is None:
            target = Entity("ORG", m.text, method=m.method,
                            confidence=0.8 if m.method == "ner" else 0.7)
            order[id(target)] = len(entities)
            entities.append(target)
            index.add_entity(target)
            index.add_key(name_key(target.name), target)
        target.mentions.append(m)
        index.add_key(k, target)
        acr = _ACRONYM_RE.match(norm, m.end)
        if acr and acr.group(1) not in target.extra_aliases:
            target.extra_aliases.append(acr.group(1))
            index.add_key(name_key(acr.group(1)), target)
    entities = _merge_org_short_forms(entities, norm)
    # A lone generic noun ("Party" of "Party Chairman Ana Ruiz", "Government") names no
    # organization of its own unless a longer name took it in (and gave it aliases).
    generic = rules.pairs("organization_nouns")
    entities = [e for e in entities if name_key(e.name) not in generic or e.extra_aliases]
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)
        e.kind = org_kind(e.name)
    return entities


def _merge_org_short_forms(entities: list[Entity], norm: str) -> list[Entity]:
    """Merge "Kaneda" into "Kaneda Semiconductor", "Commission" into "European Commission",
    "Cochilco" into "the Chilean Copper Commission" (apposition) and "BEUC" ("known as")."""
    alive = {id(e) for e in entities}

    def absorb(big: Entity, small: Entity) -> None:
        big.mentions.extend(small.mentions)
        big.extra_aliases.extend(a for a in small.extra_aliases if a not in big.extra_aliases)
        alive.discard(id(small))

    by_start = {m.start: e for e in entities for m in e.mentions}
    for e in entities:
        if id(e) not in alive:
            continue
        for m in list(e.mentions):
            after = norm[m.end:m.end + 60]
            link = re.match(r",?\s+(?:also\s+)?known\s+as\s+(?:the\s+)?|,\s+(?:the\s+)?", after)
            other = by_start.get(m.end + link.end()) if link else None
            if other is None or other is e or id(other) not in alive:
                continue
            om = next(x for x in other.mentions if x.start == m.end + link.end())
            if "known" not in link.group() and norm[om.end:om.end + 1] not in (",", ".", ""):
                continue
            big, small = (e, other) if len(e.name) >= len(other.name) else (other, e)
            absorb(big, small)
            for x in small.mentions:
                by_start[x.start] = big
            if small is e:
                break
    by_edge: dict[tuple[str, ...], list[Entity]] = {}
    for b in entities:
        tokens = tuple(b.tokens())
        for n in range(1, len(tokens)):
            by_edge.setdefault(tokens[:n], []).append(b)
            if tokens[-n:] != tokens[:n]:
                by_edge.setdefault(tokens[-n:], []).append(b)
    for small in sorted(entities, key=lambda e: len(e.name.split())):
        words = tuple(name_key(small.name).split())
        if id(small) not in alive or not words:
            continue
        bigger = [b for b in by_edge.get(words, []) if b is not small and id(b) in alive
                  and any(not m.in_heading for m in b.mentions)]
        if len(bigger) == 1 and (len(words) == 1
                                 or len(bigger[0].tokens()) - len(words) == 1):
            absorb(bigger[0], small)
    return [e for e in entities if id(e) in alive]
