"""Person descriptions, person–organization affiliations and organization parents.

Sources, all rule-based on the normalised text around each person's first full-name mention
outside headings:

* apposition after the name: ``Richard Weitz, director of the Center for Political-Military
  Analysis at the Hudson Institute, ...`` -> description "director of the Center ...",
  affiliation (Richard Weitz, Center for Political-Military Analysis, "director");
* title before the name: ``Russian President Vladimir Putin`` -> description
  "Russian President"; ``Gazprom chief executive Alexei Miller`` -> affiliation
  (Alexei Miller, Gazprom, "chief executive").

An organization directly followed by "at/of (the) <organization>" whose name marks a unit
("Center for ...", "Department of ...") gets the second one as its parent.
"""

from __future__ import annotations

import bisect
import re

from api.extraction.entity_model import Entity, EntityIndex, Mention
from api.extraction.result import Affiliation

ROLE_WORDS = {
    "executive", "officer", "director", "chief", "head", "chairman", "chairwoman", "chair",
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "economist", "analyst", "professor", "leader", "founder", "co-founder", "governor", "ceo",
    "cfo", "coo", "cto", "manager", "editor", "correspondent", "researcher", "fellow",
    "adviser", "advisor", "ambassador", "envoy", "commissioner", "mayor", "senator",
    "lawmaker", "deputy", "vice", "general", "commander", "lecturer", "scientist",
    "strategist", "partner", "owner", "dean", "member", "candidate", "prime", "foreign",
    "finance", "defence", "defense", "trade", "economy", "interior", "health", "senior",
    "junior", "managing", "late", "former", "acting", "associate", "assistant", "principal",
    "premier", "chancellor", "king", "queen", "judge", "justice", "attorney", "lawyer",
    "representative", "spokes", "official", "historian", "expert", "founding",
    "investor", "trader", "banker", "consultant", "negotiator", "administrator", "coach",
    "captain", "treasurer", "auditor", "engineer", "specialist", "inspector", "prosecutor",
}
ROLE_MODIFIERS = {
    "late", "former", "acting", "senior", "junior", "managing", "vice", "deputy", "prime",
    "foreign", "finance", "defence", "defense", "trade", "economy", "interior", "health",
    "associate", "assistant", "principal", "founding", "general", "chief",
}
UNIT_WORDS = re.compile(
    r"^(?:Center|Centre|Department|School|Faculty|Institute|Office|Division|Unit|Program|"
    r"Programme|Laboratory|Lab|Bureau|College|Committee)\b")
TITLE_REACH = 200
_APPOS_END = re.compile(r",|;|\.\s+[A-Z“\"]|\.$|[“”\"]|\n|\s(?:said|says|told|noted|added)\b")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _first_body_full_mention(e: Entity) -> Mention | None:
    for m in e.mentions:
        if not m.in_heading and len(m.text.split()) >= 2:
            return m
    return None


def _apposition(norm: str, m: Mention) -> tuple[int, int] | None:
    rest = norm[m.end:m.end + 250]
    lead = re.match(r",\s+", rest)
    if not lead:
        return None
    start = m.end + lead.end()
    body = norm[start:m.end + 250]
    stop = _APPOS_END.search(body)
    end = start + (stop.start() if stop else len(body))
    app = norm[start:end].strip()
    if not app or re.match(r"(?:who|which|whose|where|when|and|but|said|says)\b", app):
        return None
    first = _ARTICLE.sub("", app).split()
    if not first:
        return None
    words = {w.casefold().strip("'s") for w in re.findall(r"[\w'-]+", app)}
    if not (words & (ROLE_WORDS - ROLE_MODIFIERS)):
        return None
    return start, start + len(norm[start:end].rstrip())


#: Lower-case words a title's portfolio may hold ("Secretary of State for Health and Care").
_PORTFOLIO_LINKS = frozenset({"of", "for", "and", "&"})


def _pre_title(norm: str, m: Mention, floor: int) -> tuple[int, int] | None:
    """Words right before the name that form a title ("Russian President")."""
    pos = m.start
    if m.honorific:
        pos = norm.rfind(m.honorific, max(floor, m.start - 40), m.start)
        pos = pos if pos >= 0 else m.start
    if pos - floor > TITLE_REACH:  # a title is a few words: never scan the whole paragraph
        cut = norm.find(" ", pos - TITLE_REACH, pos)
        floor = cut + 1 if cut >= 0 else pos
    words = list(re.finditer(r"[\w.'\-]+", norm[floor:pos]))
    start = pos
    has_role = False
    for w in reversed(words):
        token = w.group()
        gap = norm[floor + w.end():start]
        if gap.strip():
            break
        low = token.casefold().rstrip(".")
        if token.endswith(".") and len(low) > 4 and "." not in low:
            break  # "… on Monday. Correspondent Lena Berg": the sentence before ends here
        if low.endswith("'s"):
            low = low[:-2]
        if low in ROLE_WORDS:
            has_role = has_role or low not in ROLE_MODIFIERS
        elif low in _PORTFOLIO_LINKS:  # "Minister for Trade and Industry"
            pass
        elif not token[0].isupper() or low in {"the", "a", "an", "in", "on", "by"}:
            break
        start = floor + w.start()
    if not has_role or start >= pos:
        return None
    # never start with sentence-initial function words
    while True:
        lead = re.match(r"(The|A|An|In|On|But|And|As|When|Last|Then|and|of|for|&)\s+",
                        norm[start:pos])
        if not lead:
            break
        start += lead.end()
    return (start, pos) if start < pos and norm[start:pos].strip() else None


def annotate(text: str, norm: str, index: EntityIndex) -> list[Affiliation]:
    """Fill person descriptions and organization parents; return the affiliations."""
    affiliations: list[Affiliation] = []
    orgs = [(m, e) for m, e in index.mentions if e.label == "ORG"]
    org_starts = [m.start for m, _ in orgs]
    affiliated: set[str] = set()

    def orgs_within(lo: int, hi: int) -> list[tuple[Mention, Entity]]:
        """Organization mentions lying inside ``[lo, hi)`` (a bisect, not a pass)."""
        first = bisect.bisect_left(org_starts, lo)
        last = bisect.bisect_left(org_starts, hi)
        return [(om, oe) for om, oe in orgs[first:last] if om.end <= hi]
    for person in index.people:
        m = _first_body_full_mention(person)
        if m is None:
            continue
        para_start = norm.rfind("\n", 0, m.start) + 1
        app = _apposition(norm, m)
        title = _pre_title(norm, m, para_start)
        if app:
            person.description = " ".join(_ARTICLE.sub("", text[app[0]:app[1]]).split())
            inner = orgs_within(app[0], app[1])
            if inner:
                om, oe = inner[0]
                role = norm[app[0]:om.start]
                role = _ARTICLE.sub("", role.strip())
                role = re.sub(r"\s+(?:of|at|for|with|in)(?:\s+the)?\s*$", "", role)
                role = re.sub(r"^(?:the\s+)?(?:'s)?\s*", "", role).strip(" ,")
                if role.endswith("'s"):
                    role = ""
                if not role:
                    role = norm[om.end:app[1]].lstrip("'s").strip(" ,") or None
                affiliations.append(Affiliation(person.name, oe.name, role or None,
                                                m.start, app[1]))
                affiliated.add(person.name)
        if title:
            if person.description is None:
                person.description = " ".join(text[title[0]:title[1]].split())
            inner = orgs_within(title[0], title[1])
            if inner and person.name not in affiliated:
                om, oe = inner[-1]
                role = norm[om.end:title[1]].strip()
                role = re.sub(r"^'s\s*", "", role).strip() or None
                affiliations.append(Affiliation(person.name, oe.name, role, title[0], m.end))
                affiliated.add(person.name)
    for i, (om, oe) in enumerate(orgs):
        if oe.parent or not UNIT_WORDS.match(oe.name):
            continue
        gap = re.match(r"\s+(?:at|of)\s+(?:the\s+)?", norm[om.end:om.end + 12])
        if gap and i + 1 < len(orgs):
            nm, ne = orgs[i + 1]
            if nm.start == om.end + gap.end() and ne is not oe:
                oe.parent = ne.name
    return affiliations
