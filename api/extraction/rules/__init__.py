"""Attribution rules as data: one term a line in the ``*.txt`` files of this package.

Blank lines and lines starting with ``#`` are comments. Files with two columns (``term<TAB>
value``, or the last whitespace-separated word as value) are read with :func:`pairs`. Adding a
speech verb, a role word or a title is adding a line; the files ship as package data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@cache
def terms(name: str) -> frozenset[str]:
    """The terms of ``name``.txt, case-folded."""
    return frozenset(line.casefold() for line in _lines(name))


@cache
def pairs(name: str) -> dict[str, tuple[str, ...]]:
    """``name``.txt as a mapping: the first field (words up to the last tab, or all words but
    the last) to the comma-separated values of the last field."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        key, _, value = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        out[key.strip().casefold()] = tuple(v.strip() for v in value.split(","))
    return out


def _inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb lemma (over-generating is harmless: the forms are only
    looked up): -s/-es, -ed/-d/-ied, -ing, with and without a doubled final consonant."""
    out = {lemma}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out |= {lemma + "s", lemma + "es", stem + "ed", lemma + "d", stem + "ing", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma[-1:] not in "aeiouwxy" and lemma[-2:-1] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@cache
def phrase_forms(name: str) -> dict[str, tuple[str, ...]]:
    """Every form of the verbs of ``name``.txt (``lemma<TAB>word`` lines) mapped to the words
    that make each a phrase ("went" → ("on",) for "go on")."""
    out: dict[str, tuple[str, ...]] = {}
    for lemma, words in pairs(name).items():
        for form in _forms(frozenset({lemma})):
            out[form] = out.get(form, ()) + words
    return out


@cache
def verb_forms(name: str) -> dict[str, str]:
    """Every form of the verbs of ``name``.txt (lemmas) mapped to its lemma, irregular forms
    from ``irregular_verbs.txt`` included."""
    return _forms(terms(name))


def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in lemmas:
        for form in _inflections(lemma):
            forms.setdefault(form, lemma)
    for form, (lemma,) in pairs("irregular_verbs").items():
        if lemma in lemmas:
            forms[form] = lemma
    return forms
