"""People: clustering of name mentions into persons within one article.

Multi-word names are canonical; accent variants and obvious misspellings (one word one edit
apart, rapidfuzz ratio >= 85) become aliases; one-word mentions ("Putin", "Kim") resolve to the
full name sharing the word that was mentioned most recently before them.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from api.extraction.entity_model import Entity, Mention, has_accents
from api.extraction.text import name_key


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


def cluster_people(mentions: list[Mention]) -> list[Entity]:
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
    for k in sorted(counts, key=lambda k: (-len(k.split()) if len(k.split()) > 2 else 0,
                                           -counts[k], first_pos[k])):
        target = next(
            (e for e in entities if any(_fuzzy_same(k, ek) for ek in e.name_keys())), None)
        if target is None:
            longer = [e for e in entities if len(e.tokens()) > len(k.split())
                      and e.tokens()[-len(k.split()):] == k.split()]
            if len(longer) == 1:
                target = longer[0]
        if target is None:
            forms = Counter(surfaces[k])
            name = max(forms, key=lambda f: (has_accents(f), forms[f], -surfaces[k].index(f)))
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
    return entities + [e for e in singles.values() if len(e.mentions) >= 2
                       and not any(m.place_context for m in e.mentions)]


def resolve_single(word: str, pos: int, entities: list[Entity]) -> Entity | None:
    """Resolve a one-word name to the full name sharing the word, mentioned most recently."""
    k = name_key(word)
    cands = [e for e in entities if len(e.tokens()) >= 2 and k in (e.tokens()[0], e.tokens()[-1])]
    if not cands:
        cands = [e for e in entities if len(e.tokens()) >= 2 and k in e.tokens()]
    if not cands and len(k) >= 6:
        cands = [e for e in entities if len(e.tokens()) >= 2 and e.tokens()[-1][0] == k[0]
                 and Levenshtein.distance(k, e.tokens()[-1]) <= 2]
    if not cands:
        return None
    before = [(e.last_full_before(pos), e) for e in cands if e.last_full_before(pos) >= 0]
    if before:
        return max(before, key=lambda t: t[0])[1]
    return min(cands, key=lambda e: e.first_full())
