"""People and organizations: spaCy NER plus rules, cleaned and resolved within the article.

Pipeline (this module orchestrates; the steps live in their own modules):

1. :mod:`~api.extraction.mentions`: PERSON/ORG entities from the NER pass, trimmed (newlines,
   leading "the", titles such as "Dr." or "President", possessive "'s"/"’s"), plus rule-based
   organization names and names found from context; noise and places dropped.
2. Label correction from context (:mod:`~api.extraction.entity_context`): "<name> shares" or
   "the consultancy <name>" make an organization, a role word or ", who" a person; a one-word
   "organization" equal to a known surname is that person.
3. :mod:`~api.extraction.people` / :mod:`~api.extraction.organizations`: clustering into
   entities with aliases (short forms, misspellings, accents, acronyms, "known as").
4. A string scan adds mentions NER missed (surnames, full names, company short forms).
5. Entities seen only in headings/title lines are dropped (title case confuses NER).
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc

from api.extraction.entity_context import label_evidence
from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.mentions import (
    ORG_LOWER_OK,
    ORG_TAIL_RE,
    TITLES,
    in_ranges,
    majority_label,
    raw_mentions,
)
from api.extraction.organizations import cluster_orgs, org_kind
from api.extraction.people import cluster_people, resolve_single
from api.extraction.text import name_key

__all__ = ["TITLES", "Entity", "EntityIndex", "Mention", "extract_entities", "org_kind"]

COMMON_CAPS = {
    "National", "International", "European", "American", "British", "Royal", "General",
    "United", "First", "New", "Central", "Federal", "State", "World", "Global", "Asian",
    "African", "Chinese", "Japanese", "German", "French", "Indian", "Bank", "University",
    "Ministry", "Department", "Office", "Institute", "Center", "Centre", "Council", "The",
}




_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sen|Rep|Gov)\.?\s+$")


def _scan_more(text: str, norm: str, doc: Doc, index: list[Entity],
               taken: list[tuple[int, int]], headings: list[tuple[int, int]]) -> None:
    """Add mentions of known names that NER missed (exact surface forms, surnames)."""
    blocked = sorted(taken + [(e.start_char, e.end_char) for e in doc.ents])
    taken_set = set(taken)
    places = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "PRODUCT")}
    forms: dict[str, set[int]] = {}
    for i, e in enumerate(index):
        if all(m.in_heading for m in e.mentions):
            continue
        cands = {m.text for m in e.mentions} | set(e.extra_aliases)
        if e.label == "ORG" and len(e.name.split()) >= 2 and e.kind in ("company", "other"):
            words = e.name.split()
            others = {k for x in index if x is not e for k in x.name_keys()}
            for n in sorted({len(words) - 1, 1}, reverse=True):
                short = " ".join(words[:n])
                if name_key(short) in others:
                    continue
                if words[n - 1].casefold() in ORG_LOWER_OK or words[0] in COMMON_CAPS:
                    continue
                if len(short) >= 4 and not any(
                        name_key(x.text) == name_key(short) for x in doc.ents
                        if x.label_ in ("LOC", "NORP")):
                    cands.add(short)
        if e.label == "PERSON" and len(e.name.split()) >= 2:
            last = e.name.split()[-1]
            if len(last) >= 2:
                cands.add(last)
            if e.first_token_ok:
                cands.add(e.name.split()[0])
        for f in cands:
            forms.setdefault(f, set()).add(i)
    people = [e for e in index if e.label == "PERSON"]
    for form in sorted(forms, key=len, reverse=True):
        if len(form) < 2 or not form[0].isupper():
            continue
        pat = re.compile(rf"(?<![\w\-]){re.escape(normalize_form(form))}(?![\w\-])")
        hits = [(m.start(), m.end()) for m in pat.finditer(norm)]
        owners_are_orgs = all(index[i].label == "ORG" for i in forms[form])
        org_context = owners_are_orgs and any(
            label_evidence(norm, s, e)[0] > 0 for s, e in hits)
        for s, e in hits:
            lo = bisect.bisect_left(blocked, (s - 300, 0))
            hi = bisect.bisect_left(blocked, (e, 0))
            overlapping = [(bs, be) for bs, be in blocked[lo:hi] if bs < e and s < be]
            owners = [index[i] for i in forms[form]]
            honorific = all(o.label == "PERSON" for o in owners) and _HONORIFIC_BEFORE.search(
                norm, max(0, s - 6), s)
            if overlapping and honorific and not any(o in taken_set for o in overlapping):
                overlapping = []  # "Ms Doe" tagged WORK_OF_ART by NER: the title settles it
            if overlapping and not (org_context and all(o in places and o == (s, e)
                                                        for o in overlapping)):
                continue
            ent = owners[0]
            if len(owners) > 1 or (ent.label == "PERSON" and " " not in form):
                ent = resolve_single(form, s, people) or ent
            surface = " ".join(text[s:e].split())
            ent.mentions.append(Mention(s, e, surface, ent.label, in_ranges(s, headings),
                                        "string_match"))
            bisect.insort(blocked, (s, e))


_NOT_POSSESSIVE_AFTER = re.compile(
    r"'s(?:,|\.|\s+(?:has|had|have|is|was|said|says|will|would|also|plans|reported|expects|"
    r"announced|declined|did|does|could|can)\b)")


def _possessive_name(text: str, norm: str, e: Entity) -> None:
    """A company whose name ends in 's ("Harwood's", "McDonald's"): every mention is
    followed by 's and at least one of them is not a possessive ("Harwood's said", ",
    Harwood's, has"). The 's joins the name and the mentions; the bare form stays an alias."""
    if len(e.mentions) < 2 or e.name.endswith(("'s", "\u2019s")):
        return
    ends = [norm[m.end:m.end + 2] for m in e.mentions]
    if not all(x == "'s" and not norm[m.end + 2:m.end + 3].isalnum()
               for x, m in zip(ends, e.mentions, strict=True)):
        return
    if not any(_NOT_POSSESSIVE_AFTER.match(norm, m.end) for m in e.mentions):
        return
    m0 = e.mentions[0]
    full = " ".join(text[m0.start:m0.end + 2].split())
    e.extra_aliases.append(e.name)
    for m in e.mentions:
        m.end += 2
        m.text = " ".join(text[m.start:m.end].split())
    e.name = full


def normalize_form(form: str) -> str:
    """Surface form as it appears in the normalised text (curly apostrophes straightened)."""
    return form.replace("\u2019", "'").replace("\u00a0", " ")


def extract_entities(text: str, norm: str, doc: Doc) -> EntityIndex:
    """Find, clean and resolve the people and organizations of an article."""
    raw, votes, headings = raw_mentions(text, norm, doc)
    persons, orgs = [], []
    kept: list[Mention] = []
    evidence: dict[str, list[int]] = {}
    for m in raw:
        lab = majority_label(name_key(m.text), votes, m.label)
        if lab == "PLACE" or lab is None:
            continue
        m.label = lab
        kept.append(m)
        o, p = label_evidence(norm, m.start, m.end)
        if org_kind(m.text) != "other" or ORG_TAIL_RE.fullmatch(norm[m.start:m.end]):
            o += 2
        ev = evidence.setdefault(name_key(m.text), [0, 0])
        ev[0] += o
        ev[1] += p
    for m in kept:
        o, p = evidence[name_key(m.text)]
        if m.label == "PERSON" and o > p:
            m.label = "ORG"
        elif m.label == "ORG" and p > o:
            m.label = "PERSON"
    surnames = {name_key(m.text).split()[-1] for m in kept
                if m.label == "PERSON" and len(m.text.split()) >= 2}
    org_first = {name_key(m.text).split()[0] for m in kept
                 if m.label == "ORG" and len(m.text.split()) >= 2}
    for m in kept:
        k = name_key(m.text)
        if m.label == "PERSON" and " " not in k and k in org_first and k not in surnames:
            m.label = "ORG"
        if m.label == "ORG" and " " not in k and (k in surnames or any(
                len(k) >= 6 and k[0] == sn[0] and Levenshtein.distance(k, sn) <= 2
                for sn in surnames)):
            m.label = "PERSON"
        (persons if m.label == "PERSON" else orgs).append(m)
    people = cluster_people(persons)
    organizations = cluster_orgs(orgs, norm)
    everything = people + organizations
    taken = [(m.start, m.end) for e in everything for m in e.mentions]
    _scan_more(text, norm, doc, everything, taken, headings)
    kept_people = [e for e in people if any(not m.in_heading for m in e.mentions)]
    kept_orgs = [e for e in organizations if any(not m.in_heading for m in e.mentions)]
    for e in kept_people + kept_orgs:
        e.mentions.sort(key=lambda m: m.start)
        if e.label == "PERSON" and len(e.name.split()) < 2:
            e.method = "ner_single_name"
    for e in kept_orgs:
        _possessive_name(text, norm, e)
    mentions = sorted(((m, e) for e in kept_people + kept_orgs for m in e.mentions),
                      key=lambda t: t[0].start)
    return EntityIndex(kept_people, kept_orgs, mentions)
