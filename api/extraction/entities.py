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

import re

from spacy.tokens import Doc

from api.extraction.budget import checkpoint
from api.extraction.entity_context import label_evidence
from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.intervals import Ranges, SpanSet
from api.extraction.mentions import (
    ORG_LOWER_OK,
    ORG_TAIL_RE,
    TITLES,
    in_ranges,
    majority_label,
    raw_mentions,
)
from api.extraction.occurrences import find_occurrences
from api.extraction.organizations import cluster_orgs, org_kind
from api.extraction.people import FuzzyWords, PeopleLookup, cluster_people
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
               taken: list[tuple[int, int]], headings: Ranges) -> None:
    """Add mentions of known names that NER missed (exact surface forms, surnames).

    All forms are found in one pass over the text (:mod:`~api.extraction.occurrences`);
    longer forms claim their spans first, as before."""
    ents = list(doc.ents)
    blocked = SpanSet(taken + [(e.start_char, e.end_char) for e in ents])
    taken_set = set(taken)
    places = {(e.start_char, e.end_char) for e in ents if e.label_ in ("GPE", "PRODUCT")}
    loc_keys = {name_key(x.text) for x in ents if x.label_ in ("LOC", "NORP")}
    key_owners: dict[str, int] = {}
    for e in index:
        for k in e.name_keys():
            key_owners[k] = key_owners.get(k, 0) + 1
    forms: dict[str, set[int]] = {}
    for i, e in enumerate(index):
        if all(m.in_heading for m in e.mentions):
            continue
        cands = {m.text for m in e.mentions} | set(e.extra_aliases)
        if e.label == "ORG" and len(e.name.split()) >= 2 and e.kind in ("company", "other"):
            words = e.name.split()
            own = e.name_keys()
            for n in sorted({len(words) - 1, 1}, reverse=True):
                short = " ".join(words[:n])
                short_key = name_key(short)
                if key_owners.get(short_key, 0) > (1 if short_key in own else 0):
                    continue  # another entity goes by this name
                if words[n - 1].casefold() in ORG_LOWER_OK or words[0] in COMMON_CAPS:
                    continue
                if len(short) >= 4 and short_key not in loc_keys:
                    cands.add(short)
        if e.label == "PERSON" and len(e.name.split()) >= 2:
            last = e.name.split()[-1]
            if len(last) >= 2:
                cands.add(last)
            if e.first_token_ok:
                cands.add(e.name.split()[0])
        for f in cands:
            forms.setdefault(f, set()).add(i)
    people = PeopleLookup([e for e in index if e.label == "PERSON"])
    ordered = [f for f in sorted(forms, key=len, reverse=True)
               if len(f) >= 2 and f[0].isupper()]
    found = find_occurrences(norm, {normalize_form(f) for f in ordered})
    for form in ordered:
        hits = found.get(normalize_form(form), [])
        owners = [index[i] for i in forms[form]]
        owners_are_orgs = all(o.label == "ORG" for o in owners)
        org_context = owners_are_orgs and any(
            label_evidence(norm, s, e)[0] > 0 for s, e in hits)
        all_people = all(o.label == "PERSON" for o in owners)
        for s, e in hits:
            overlapping = blocked.overlapping(s, e)
            honorific = all_people and _HONORIFIC_BEFORE.search(norm, max(0, s - 6), s)
            if overlapping and honorific and not any(o in taken_set for o in overlapping):
                overlapping = []  # "Ms Doe" tagged WORK_OF_ART by NER: the title settles it
            if overlapping and not (org_context and all(o in places and o == (s, e)
                                                        for o in overlapping)):
                continue
            ent = owners[0]
            if len(owners) > 1 or (ent.label == "PERSON" and " " not in form):
                ent = people.resolve(form, s) or ent
            surface = " ".join(text[s:e].split())
            ent.add_mention(Mention(s, e, surface, ent.label, in_ranges(s, headings),
                                    "string_match"))
            blocked.add(s, e)


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
    near_surnames = FuzzyWords(surnames)
    for m in kept:
        k = name_key(m.text)
        if m.label == "PERSON" and " " not in k and k in org_first and k not in surnames:
            m.label = "ORG"
        if m.label == "ORG" and " " not in k and (k in surnames or (len(k) >= 6 and any(
                k[0] == sn[0] for sn in near_surnames.near(k)))):
            m.label = "PERSON"
        (persons if m.label == "PERSON" else orgs).append(m)
    checkpoint()
    people = cluster_people(persons)
    organizations = cluster_orgs(orgs, norm)
    checkpoint()
    everything = people + organizations
    taken = [(m.start, m.end) for e in everything for m in e.mentions]
    _scan_more(text, norm, doc, everything, taken, headings)
    checkpoint()
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
