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


MAX_FUZZY_WORD = 30


def deletions(word: str, depth: int = 2) -> set[str]:
    """Every string made from ``word`` by deleting at most ``depth`` characters. Two words
    within edit distance ``depth`` always share one (the symmetric-deletion index), so fuzzy
    look-ups need no pass over all known words."""
    out = {word}
    frontier = {word}
    if len(word) > MAX_FUZZY_WORD:
        return out  # names are shorter; a long token would cost its length squared
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


class FuzzyWords:
    """Words looked up by edit distance <= 2 through their deletion neighbourhoods. The
    index is built on the first look-up: most articles never need one."""

    def __init__(self, words: set[str] | None = None) -> None:
        self._words: set[str] = set(words or ())
        self._by_deletion: dict[str, list[str]] | None = None

    def add(self, word: str) -> None:
        if word in self._words:
            return
        self._words.add(word)
        if self._by_deletion is not None:
            self._file(word)

    def _file(self, word: str) -> None:
        assert self._by_deletion is not None
        for d in deletions(word):
            self._by_deletion.setdefault(d, []).append(word)

    def near(self, word: str, distance: int = 2) -> set[str]:
        """Known words within ``distance`` edits of ``word``."""
        if self._by_deletion is None:
            self._by_deletion = {}
            for w in self._words:
                self._file(w)
        cands: set[str] = set()
        for d in deletions(word, distance):
            cands.update(self._by_deletion.get(d, ()))
        return {c for c in cands if Levenshtein.distance(word, c) <= distance}


class PeopleLookup:
    """Multi-word people indexed by their name's words, to resolve a one-word mention
    ("Putin") to the full name sharing the word that was mentioned most recently before it."""

    def __init__(self, entities: list[Entity]) -> None:
        self._edge: dict[str, list[Entity]] = {}
        self._any: dict[str, list[Entity]] = {}
        self._last: dict[str, list[Entity]] = {}
        self._fuzzy = FuzzyWords()
        for e in entities:
            self.add(e)

    def add(self, e: Entity) -> None:
        tokens = e.tokens()
        if len(tokens) < 2:
            return
        for t in {tokens[0], tokens[-1]}:
            self._edge.setdefault(t, []).append(e)
        for t in set(tokens):
            self._any.setdefault(t, []).append(e)
        self._last.setdefault(tokens[-1], []).append(e)
        self._fuzzy.add(tokens[-1])

    def resolve(self, word: str, pos: int) -> Entity | None:
        k = name_key(word)
        cands = self._edge.get(k) or self._any.get(k) or []
        if not cands and len(k) >= 6:
            near = [w for w in self._fuzzy.near(k) if w[0] == k[0]]
            cands = [e for w in near for e in self._last[w]]
        if not cands:
            return None
        before = [(e.last_full_before(pos), e) for e in cands]
        before = [t for t in before if t[0] >= 0]
        if before:
            return max(before, key=lambda t: t[0])[1]
        return min(cands, key=lambda e: e.first_full())


def resolve_single(word: str, pos: int, entities: list[Entity]) -> Entity | None:
    """Resolve a one-word name to the full name sharing the word, mentioned most recently."""
    return PeopleLookup(entities).resolve(word, pos)


class _KeyIndex:
    """Name keys of the people formed so far, for the misspelling test of :func:`_fuzzy_same`
    (same word count, one word different): keys are filed under each word left out."""

    def __init__(self) -> None:
        self._by_gap: dict[tuple[int, tuple[str, ...]], list[tuple[str, Entity]]] = {}

    def add(self, key: str, e: Entity) -> None:
        words = key.split()
        for i in range(len(words)):
            self._by_gap.setdefault((i, tuple(words[:i] + words[i + 1:])), []).append((key, e))

    def fuzzy_match(self, key: str, order: dict[int, int]) -> Entity | None:
        """The earliest-formed person with a key that is an obvious misspelling of ``key``."""
        words = key.split()
        found: list[Entity] = []
        for i in range(len(words)):
            for other, e in self._by_gap.get((i, tuple(words[:i] + words[i + 1:])), []):
                if _fuzzy_same(key, other):
                    found.append(e)
        return min(found, key=lambda e: order[id(e)]) if found else None


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
    order: dict[int, int] = {}
    keys = _KeyIndex()
    by_suffix: dict[tuple[str, ...], list[Entity]] = {}
    key_to_entity: dict[str, Entity] = {}
    for k in sorted(counts, key=lambda k: (-len(k.split()) if len(k.split()) > 2 else 0,
                                           -counts[k], first_pos[k])):
        target = keys.fuzzy_match(k, order)
        if target is None:
            longer = [e for e in by_suffix.get(tuple(k.split()), [])
                      if len(e.tokens()) > len(k.split())]
            if len(longer) == 1:
                target = longer[0]
        if target is None:
            forms = Counter(surfaces[k])
            name = max(forms, key=lambda f: (has_accents(f), forms[f], -surfaces[k].index(f)))
            target = Entity("PERSON", name)
            order[id(target)] = len(entities)
            entities.append(target)
            tokens = target.tokens()
            for n in range(1, len(tokens)):
                by_suffix.setdefault(tuple(tokens[-n:]), []).append(target)
            keys.add(name_key(target.name), target)
        key_to_entity[k] = target
        keys.add(k, target)
    for m in full:
        key_to_entity[name_key(m.text)].mentions.append(m)
    lookup = PeopleLookup(entities)
    singles: dict[str, Entity] = {}
    for m in mentions:
        if len(m.text.split()) >= 2:
            continue
        target = lookup.resolve(m.text, m.start)
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
