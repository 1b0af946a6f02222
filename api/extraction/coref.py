"""Pronoun speakers: "he"/"she"/"they"/"it" to the nearest compatible person or organization.

A person's gender comes from a title written with any of its mentions (``rules/male_titles``
and ``rules/female_titles``: Mr., Ms., Mrs., ...) and else from its first name, looked up in
gender-guesser's offline first-name list; an unknown gender matches both "he" and "she".
"they" and "it" go to organizations. The candidate is the subject of the latest sentence
(outside quotes, not a heading) that names a compatible entity: the first compatible mention
of that sentence, which in news is its subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.rules import pairs, terms


@cache
def _detector():  # the name list takes ~1 s to read: once per process, on first use
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def first_name_gender(first: str) -> str | None:
    """``male``/``female`` for a first name when the list is sure (a "mostly" answer is
    unknown: "Lee" is a given name in one country and a family name written first in
    another)."""
    guess = _detector().get_gender(first.strip("."))
    return guess if guess in ("male", "female") else None


def is_first_name(word: str) -> bool:
    """Whether the first-name list knows ``word`` as a given name (of any gender)."""
    return _detector().get_gender(word.strip(".")) != "unknown"


def title_gender(word: str) -> str | None:
    """``male``/``female`` for a title such as Mr. or Mrs."""
    w = word.casefold().rstrip(".")
    if w in terms("male_titles"):
        return "male"
    if w in terms("female_titles"):
        return "female"
    return None


def pronoun_class(word: str) -> str | None:
    """What a subject pronoun can refer to (``rules/pronouns``), or None if no pronoun."""
    found = pairs("pronouns").get(word.casefold())
    return found[0] if found else None


class Genders:
    """Gender of each person entity of one article, computed once."""

    def __init__(self, text: str, index: EntityIndex) -> None:
        self._by_name: dict[str, str | None] = {}
        for person in index.people:
            self._by_name[person.name] = self._decide(text, person)

    @staticmethod
    def _decide(text: str, person: Entity) -> str | None:
        for m in person.mentions:
            if m.honorific and (g := title_gender(m.honorific)):
                return g
            before = text[max(0, m.start - 12):m.start].split()
            if before and (g := title_gender(before[-1])):
                return g
        words = person.name.split()
        return first_name_gender(words[0]) if len(words) > 1 else None

    def of(self, entity: Entity) -> str | None:
        return self._by_name.get(entity.name)


def compatible(cls: str, entity: Entity, genders: Genders) -> bool:
    """Whether a pronoun of class ``cls`` can refer to ``entity``."""
    if cls in ("male", "female"):
        return entity.label == "PERSON" and genders.of(entity) in (cls, None)
    if cls in ("plural", "thing"):
        return entity.label == "ORG"
    return False


def resolve(cls: str, pos: int, before: Sequence[tuple[Mention, Entity]],
            sentence_start, genders: Genders) -> Entity | None:
    """The referent of a pronoun of class ``cls`` at ``pos``. ``before`` are the article's
    mentions that may be referred back to, in text order, all ending before ``pos``
    (scanned backwards, so the cost is the distance to the referent);
    ``sentence_start(offset)`` gives the start of the sentence holding an offset."""
    last = None
    for k in range(len(before) - 1, -1, -1):
        m, e = before[k]
        if m.end <= pos and compatible(cls, e, genders):
            last = k
            break
    if last is None:
        return None
    last_m, last_e = before[last]
    if cls in ("plural", "thing"):
        return last_e
    start = sentence_start(last_m.start)
    first = last_e
    for k in range(last - 1, -1, -1):
        m, e = before[k]
        if m.start < start:
            break
        if compatible(cls, e, genders):
            first = e
    return first
