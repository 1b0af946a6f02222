"""Records shared by the entity modules: a mention, a resolved entity, the index."""

from __future__ import annotations

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
        starts = [m.start for m in self.mentions if m.start < pos and " " in m.text.strip()]
        return max(starts, default=-1)

    def first_full(self) -> int:
        """Start of the first multi-word mention (a large number if none)."""
        starts = [m.start for m in self.mentions if " " in m.text.strip()]
        return min(starts, default=10**9)


def has_accents(s: str) -> bool:
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
