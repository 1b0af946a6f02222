"""Records shared by the entity modules: a mention, a resolved entity, the index."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from api.extraction.text import name_key


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
    place_context: bool = False


@dataclass(eq=False)
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
    _full: tuple[int, int, list[int]] | None = field(default=None, repr=False, compare=False)

    def add_mention(self, mention: Mention) -> None:
        """Append a mention (same as ``mentions.append``; kept for readability)."""
        self.mentions.append(mention)

    def _full_starts(self) -> list[int]:
        """Sorted starts of the multi-word mentions, updated incrementally as mentions are
        appended (a rebuilt list, if the mention list was replaced or shrank)."""
        cached = self._full
        ms = self.mentions
        if cached is None or cached[0] != id(ms) or cached[1] > len(ms):
            starts = sorted(m.start for m in ms if " " in m.text.strip())
        else:
            starts = cached[2]
            for m in ms[cached[1]:]:
                if " " in m.text.strip():
                    bisect.insort(starts, m.start)
        self._full = (id(ms), len(ms), starts)
        return starts

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

    def name_keys(self) -> set[str]:
        """Comparison keys of the name and every surface form."""
        return {name_key(self.name)} | {name_key(m.text) for m in self.mentions} | {
            name_key(a) for a in self.extra_aliases
        }

    def tokens(self) -> list[str]:
        """Comparison keys of the canonical name's words."""
        return name_key(self.name).split()

    def last_full_before(self, pos: int) -> int:
        """Start of the latest multi-word mention before ``pos`` (-1 if none)."""
        starts = self._full_starts()
        i = bisect.bisect_left(starts, pos)
        return starts[i - 1] if i else -1

    def first_full(self) -> int:
        """Start of the first multi-word mention (a large number if none)."""
        starts = self._full_starts()
        return starts[0] if starts else 10**9


def has_accents(s: str) -> bool:
    return any(ord(c) > 127 for c in s)


@dataclass
class EntityIndex:
    """Resolved people and organizations plus a position-sorted list of all mentions.

    Lookups by position and by name use indexes built on first use (and rebuilt if the
    mention list changes), so that asking for every quote costs a logarithm, not a pass."""

    people: list[Entity]
    organizations: list[Entity]
    mentions: list[tuple[Mention, Entity]]
    _lookup: tuple | None = field(default=None, repr=False, compare=False)

    def _index(self) -> tuple[list[int], dict[int, int]]:
        key = (id(self.mentions), len(self.mentions))
        if self._lookup is None or self._lookup[0] != key:
            starts = [m.start for m, _ in self.mentions]
            ends: dict[int, int] = {}
            for i, (m, _) in enumerate(self.mentions):
                ends.setdefault(m.end, i)
            self._lookup = (key, starts, ends)
        return self._lookup[1], self._lookup[2]

    def mention_at(self, pos: int, slack: int = 0) -> tuple[Mention, Entity] | None:
        """The mention starting at ``pos`` (or within ``slack`` characters after it)."""
        starts, _ = self._index()
        i = bisect.bisect_left(starts, pos)
        if i < len(starts) and starts[i] <= pos + slack:
            return self.mentions[i]
        return None

    def mention_ending_at(self, pos: int) -> tuple[Mention, Entity] | None:
        """The mention whose end is exactly ``pos``."""
        _, ends = self._index()
        i = ends.get(pos)
        return None if i is None else self.mentions[i]

    def mentions_between(self, lo: int, hi: int) -> list[tuple[Mention, Entity]]:
        """Mentions starting in ``[lo, hi)``, in text order."""
        starts, _ = self._index()
        return self.mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def by_name(self, name: str) -> Entity | None:
        """The entity with canonical ``name``."""
        for e in self.people + self.organizations:
            if e.name == name:
                return e
        return None
