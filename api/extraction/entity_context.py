"""Context rules that correct NER labels and find names NER missed.

spaCy's small English model often labels unfamiliar company names as people ("German rival
Nordwind", "Corvalis Therapeutics") and people as organizations or dates ("chief executive,
Francesca De Luca"; "Carmen Ruiz-Olmedo, who heads ..."). The words around a name settle it:
"<name> shares", "the consultancy <name>", ", the Portuguese football club" point to an
organization; a role word before the name or an apposition such as ", a fellow at" or
", who" point to a person.
"""

from __future__ import annotations

import re

from api.extraction.intervals import SpanSet

ROLE_NOUNS = (
    r"executive|officer|director|chief|head|chairman|chairwoman|chair|president|minister|"
    r"secretary|spokesman|spokeswoman|spokesperson|economist|analyst|professor|leader|founder|"
    r"co-founder|governor|ceo|cfo|manager|editor|correspondent|researcher|fellow|adviser|"
    r"advisor|ambassador|envoy|commissioner|mayor|senator|lawmaker|commander|lecturer|"
    r"scientist|strategist|partner|owner|dean|candidate|premier|chancellor|judge|attorney|"
    r"lawyer|historian|expert|investor|trader|banker|consultant|negotiator|administrator|"
    r"coach|captain|treasurer|engineer|specialist|inspector|prosecutor|farmer|student|"
    r"teacher|doctor|vet|hydrologist|agronomist|pollster|elder|official|member|worker|"
    r"resident|activist|campaigner|author|journalist|director-general|vice-chancellor"
)
ORG_NOUNS = (
    r"rival|firm|company|club|association|group|carrier|bank|consultancy|union|airline|"
    r"insurer|lender|drugmaker|chipmaker|carmaker|automaker|maker|operator|retailer|"
    r"broadcaster|newspaper|agency|organisation|organization|start-up|startup|charity|fund|"
    r"conglomerate|giant|exchange|regulator|developer|producer|manufacturer|supplier|"
    r"institute|university|ministry|department|party|team|network|platform|biotech|"
    r"consortium|utility|miner|partnership|foundation|federation|think tank|brokerage|"
    r"landlord|portal|website|publisher|airport operator|shipbuilder|shipyard|refiner|"
    r"supermarket|chain|lab|laboratory|outlet|watchdog"
)
_ORG_AFTER = re.compile(
    r"(?:'s)?\s+(?:shares|stock|board|headquarters|revenues?|profits?|sales|executives|"
    r"employees|chief executive|said in a statement|spokes\w+|annual report)\b")
_ORG_BEFORE = re.compile(rf"\b(?:{ORG_NOUNS})s?'?,?\s+$", re.IGNORECASE)
_ORG_APPOS = re.compile(
    rf",\s+(?:the|a|an|one of the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{ORG_NOUNS})s?\b"
    rf"(?!\s+(?:of|at)\b)(?!')", re.IGNORECASE)
_ORG_AT_BEFORE = re.compile(
    rf"\b(?:{ROLE_NOUNS}|analysts|economists|researchers|officials|executives|strategists)"
    r"\s+at\s+(?:the\s+)?$", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|data\s+from|figures\s+from|(?:survey|report|study|poll|research|"
    r"analysis|index)\s+(?:by|from))\s+(?:the\s+)?$", re.IGNORECASE)
_PERSON_BEFORE = re.compile(rf"\b(?:{ROLE_NOUNS}),?\s+$", re.IGNORECASE)
_PERSON_AFTER = re.compile(
    rf",\s+(?:who\b|(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{ROLE_NOUNS})\b)",
    re.IGNORECASE)
_CAPWORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?"
_NAME_CANDIDATE = re.compile(rf"(?<![\w.'-])({_CAPWORD}(?:\s{_CAPWORD}){{1,2}})(?=,\s)")


def label_evidence(norm: str, start: int, end: int) -> tuple[int, int]:
    """(organization score, person score) from the words around one mention."""
    before = norm[max(0, start - 40):start]
    after = norm[end:end + 80]
    org = sum(bool(x) for x in (
        _ORG_AFTER.match(after), _ORG_BEFORE.search(before), _ORG_APPOS.match(after),
        _ORG_AT_BEFORE.search(before),
        " " not in norm[start:end].strip() and not re.match(r"\s+[A-Z]", after)
        and _SOURCE_BEFORE.search(before)))
    person = sum(bool(x) for x in (_PERSON_BEFORE.search(before), _PERSON_AFTER.match(after)))
    return org, person


def find_missed_people(norm: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two- or three-word capitalised names NER missed that are introduced like people:
    followed by ", who ..." or ", a/an/the <role> ..." (e.g. "Carmen Ruiz-Olmedo, who heads
    the Andalusian branch")."""
    out = []
    blocked = SpanSet(taken)
    for m in _NAME_CANDIDATE.finditer(norm):
        s, e = m.span(1)
        if blocked.overlaps(s, e):
            continue
        if not _PERSON_AFTER.match(norm[e:e + 80]):
            continue
        first = m.group(1).split()[0].casefold()
        if first in {"the", "a", "an", "in", "on", "but", "and", "as", "when", "after", "last"}:
            continue
        out.append((s, e))
    return out


_CAPSEQ = (r"[A-ZÀ-ÖØ-Þ][\w&'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w&'’.-]*|&|en|de|of|for|and)){0,4}")
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "a", "an", "in", "on", "but", "and", "as", "he", "she",
    "it", "they", "we", "i", "this", "that", "last", "next",
}
_MISSED_ORG_PATTERNS = [
    re.compile(rf"\b(?:{ORG_NOUNS})s?'?,?\s+({_CAPSEQ})"),
    re.compile(rf"\b(?i:{ROLE_NOUNS}|analysts|economists|researchers|officials|executives|"
               rf"strategists)(?:\s+of\s+[a-z][a-z ]{{0,30}}?)?\s+at\s+(?:the\s+)?({_CAPSEQ})"),
    re.compile(rf"(?:the\s+)?({_CAPSEQ})\s+think\s+tank\b"),
    re.compile(rf"(?<![\w.'-])({_CAPSEQ}),\s+(?:the|a|an|one of the|[A-Z]\w+['’]s)\s+"
               rf"(?:[\w'’-]+\s+){{0,4}}?(?i:{ORG_NOUNS})s?"
               rf"(?=\s*(?:,|\.|\s+(?:said|says|which|that|whose|has|have|is|was|will)\b))"),
    re.compile(rf"\b(?:polled|compiled|surveyed|tracked)\s+by\s+({_CAPSEQ})"),
]


def find_missed_orgs(norm: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Organization names NER missed, recognised by the words around them: "the drivers'
    union Aslef", "analysts at Barclays", "the Bruegel think tank"."""
    out: list[tuple[int, int]] = []
    blocked = SpanSet(taken)
    for pattern in _MISSED_ORG_PATTERNS:
        for m in pattern.finditer(norm):
            s, e = m.span(1)
            words = norm[s:e].split()
            while words and (words[-1] in {"&", "en", "de", "of", "for", "and"}
                             or words[-1].casefold() in _NOT_NAMES):
                words.pop()
            if not words or words[0].casefold() in _NOT_NAMES:
                continue
            e = s + len(" ".join(words))
            seg = norm[s:e]
            if seg.endswith("'s") or seg.endswith("’s"):
                e -= 2
            if seg.endswith("."):
                e -= 1
            if e - s < 2 or blocked.overlaps(s, e):
                continue
            out.append((s, e))
            blocked.add(s, e)
    return out
