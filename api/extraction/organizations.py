"""Organizations: kind heuristics, clustering of mentions, short forms and acronyms."""

from __future__ import annotations

import re

from rapidfuzz.fuzz import ratio

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


def cluster_orgs(mentions: list[Mention], norm: str) -> list[Entity]:
    entities: list[Entity] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text), m.start)):
        k = name_key(m.text)
        target = next((e for e in entities if k in e.name_keys()), None)
        if target is None and m.text.isupper() and len(m.text) <= 8:
            target = next((e for e in entities if _initials(e.name) == m.text.replace("&", "")
                           and len(e.name.split()) >= 2), None)
        if target is None:
            target = next(
                (e for e in entities if len(k) >= 8 and any(
                    ratio(k, ek) >= 92 for ek in e.name_keys())), None)
        if target is None:
            target = Entity("ORG", m.text, method=m.method,
                            confidence=0.8 if m.method == "ner" else 0.7)
            entities.append(target)
        target.mentions.append(m)
        acr = _ACRONYM_RE.match(norm, m.end)
        if acr and acr.group(1) not in target.extra_aliases:
            target.extra_aliases.append(acr.group(1))
    entities = _merge_org_short_forms(entities, norm)
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)
        e.kind = org_kind(e.name)
    return entities


def _merge_org_short_forms(entities: list[Entity], norm: str) -> list[Entity]:
    """Merge "Kaneda" into "Kaneda Semiconductor", "Commission" into "European Commission",
    "Cochilco" into "the Chilean Copper Commission" (apposition) and "BEUC" ("known as")."""
    def absorb(big: Entity, small: Entity) -> None:
        big.mentions.extend(small.mentions)
        big.extra_aliases.extend(a for a in small.extra_aliases if a not in big.extra_aliases)
        entities.remove(small)

    by_start = {m.start: e for e in entities for m in e.mentions}
    for e in list(entities):
        if e not in entities:
            continue
        for m in list(e.mentions):
            after = norm[m.end:m.end + 60]
            link = re.match(r",?\s+(?:also\s+)?known\s+as\s+(?:the\s+)?|,\s+(?:the\s+)?", after)
            other = by_start.get(m.end + link.end()) if link else None
            if other is None or other is e or other not in entities:
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
    for small in sorted(entities, key=lambda e: len(e.name.split())):
        words = name_key(small.name).split()
        if small not in entities or not words:
            continue
        bigger = [b for b in entities if b is not small and len(b.tokens()) > len(words)
                  and any(not m.in_heading for m in b.mentions)
                  and (b.tokens()[:len(words)] == words or b.tokens()[-len(words):] == words)]
        if len(bigger) == 1 and (len(words) == 1
                                 or len(bigger[0].tokens()) - len(words) == 1):
            absorb(bigger[0], small)
    return entities
