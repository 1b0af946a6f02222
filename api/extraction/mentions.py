"""Raw person/organization mentions from spaCy NER plus rules, cleaned.

Trims (newlines, leading "the", titles such as "Dr." or "President", possessive "'s"/"’s",
trailing lowercase words), drops noise (datelines, currency codes, common nouns, places) and
adds rule-based organization names ("... Institute", "Ministry of ...") and names found from
context (see :mod:`api.extraction.entity_context`).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from api.extraction.coref import is_first_name
from api.extraction.entity_context import find_missed_orgs, find_missed_people, label_evidence
from api.extraction.entity_model import Mention
from api.extraction.intervals import Ranges, SpanSet
from api.extraction.occurrences import find_occurrences
from api.extraction.organizations import org_kind
from api.extraction.rules import verb_forms
from api.extraction.text import is_heading, name_key, paragraphs

TITLES = {
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "president", "sen", "senator",
    "gov", "governor", "rep", "gen", "general", "sir", "dame", "lord", "lady", "judge",
    "justice", "minister", "chancellor", "premier", "king", "queen", "prince", "princess",
    "pope", "ceo", "chairman", "chairwoman", "secretary", "ambassador", "mayor", "rev",
    "father", "capt", "captain", "col", "colonel", "lt", "sgt", "mme", "mlle", "herr", "frau",
    "señor", "sr", "sra", "leader", "chief", "commissioner", "director", "economist",
    "analyst", "spokesman", "spokeswoman", "spokesperson", "vice", "deputy", "prime",
    "treasurer", "speaker", "superintendent", "inspector", "detective", "constable", "sheriff",
    "bishop", "archbishop", "rabbi", "imam", "cardinal", "emir", "sheikh", "crown", "officer",
    "chairperson", "councillor", "councilor", "congressman", "congresswoman", "mp", "mep",
    "councilman", "councilwoman", "assemblyman", "assemblywoman", "alderman", "lawmaker",
    "supervisor", "trustee", "delegate", "legislator", "senator-elect",
}


HONORIFICS = {"dr", "prof", "professor"}

#: A title with a portfolio running up to a name: "Minister for Trade and ", "Secretary of
#: State for Health and Social ".
_PORTFOLIO = re.compile(
    r"\b(?:Minister|Secretary|Commissioner|Director|Chair(?:man|woman|person)?|Head|"
    r"Spokes(?:man|woman|person)|Governor|Ambassador)\s+(?:of|for)\s+"
    r"(?:(?:the|of|for|and|&|[A-Z][\w'-]*),?\s+)+$")


_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "him"}


_ORG_STOP = {"new", "updated", "leave a comment", "covid", "covid-19", "brexit", "cold war"}


_LEADING_STOP = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "last", "yesterday", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "but",
    "and", "as", "while", "when", "after", "before", "since", "if", "meanwhile", "both",
}


_LETTER_UP = r"A-ZÀ-ÖØ-Þ"


_CAP = rf"[{_LETTER_UP}][\w&'.\-]*"


_CONNECT = r"(?:of|for|and|on|the|de|du|des|la|le|del|di|&|für|y)"


_HEAD_KEYWORDS = (
    r"Ministry|Department|University|Bank|Center|Centre|Institute|Council|Commission|Office|"
    r"School|Academy|Federation|Association|Organi[sz]ation|Court|Committee|Board|Union|Fund|"
    r"League|Agency|Society|Chamber|Museum|Foundation|College|Authority|Bureau|Party"
)


_TAIL_KEYWORDS = (
    r"Institute|Institution|University|College|Bank|Ministry|Agency|Commission|Council|"
    r"Corporation|Corp\.?|Company|Inc\.?|Ltd\.?|plc|PLC|Group|Holdings|Foundation|Fund|"
    r"Association|Federation|Organi[sz]ation|Authority|Department|Office|Party|Union|Center|"
    r"Centre|Society|Laborator(?:y|ies)|Court|Committee|Board|Forum|Network|Times|Post|News|"
    r"Journal|Airlines|Airways|Motors|Energy|Bureau|Academy|School|Trust|Partners|Capital|"
    r"Securities|Insurance|Exchange|Reserve|Parliament|Senate|Congress|Assembly|Tribunal|"
    r"Police|Army|Navy|Forces|Guard|Industries|Technologies|Systems|Pharmaceuticals|Motor"
)


_ORG_HEAD_RE = re.compile(
    rf"(?:{_CAP}\s+){{0,3}}(?:{_HEAD_KEYWORDS})\s+(?:of|for|on)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP}){{0,5}}"
)


ORG_TAIL_RE = re.compile(
    rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)?{_CAP}){{0,5}}?\s+(?:{_TAIL_KEYWORDS})(?![\w])"
)


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    for suffix in ("'s", "'S", "'"):
        if seg.endswith(suffix) and len(seg) > len(suffix) + 1:
            return start, end - len(suffix)
    return start, end


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int, str | None]:
    """Trim an entity span: newline, surrounding punctuation, articles, titles, possessive."""
    seg = text[start:end]
    if "\n" in seg:
        end = start + seg.index("\n")
    honorific = None
    while start < end:
        seg = text[start:end]
        m = re.match(r"(?:the|The|THE)\s+", seg)
        if m:
            start += m.end()
            continue
        if label == "PERSON":
            m = re.match(r"([^\W\d_][\w]*\.?)\s+", seg)
            if m and m.group(1).rstrip(".").casefold() in TITLES and " " in seg.strip():
                if m.group(1).rstrip(".").casefold() in HONORIFICS:
                    honorific = m.group(1)
                start += m.end()
                continue
            if m and _inverted_verb(m.group(1)) and " " in seg.strip():
                start += m.end()  # "Continued Stone: “…”": the verb is no part of the name
                continue
        break
    while start < end and not (text[start].isalnum()):
        start += 1
    start, end = _strip_possessive(text, start, end)
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"\b\w\.$", text[start:end]):
        end -= 1
    return start, end, honorific


def _inverted_verb(word: str) -> bool:
    """A capitalised past form of a speech verb ("Continued", "Added") that NER reads as a
    first name when the verb comes before its subject."""
    return word[:1].isupper() and word.endswith("ed") and \
        word.casefold() in verb_forms("speech_verbs")


def _extend_first_name(norm: str, doc: Doc, start: int, ents: SpanSet) -> int:
    """NER sometimes drops the first name ("Anders [Lindqvist]"): take a capitalised proper
    noun right before the mention when it is not a title or part of another entity."""
    m = re.search(rf"(?<![\w.'-])([{_LETTER_UP}][a-zà-öø-ÿ]+) $", norm[max(0, start - 30):start])
    if not m:
        return start
    word = m.group(1)
    ws = start - len(word) - 1
    if word.casefold() in TITLES or word.casefold() in _LEADING_STOP:
        return start
    if _PORTFOLIO.search(norm, max(0, ws - 80), ws) and not is_first_name(word):
        return start  # "Minister for Trade and Industry [Lena Kovač]"
    if ents.containing(ws):
        return start
    span = doc.char_span(ws, ws + len(word))
    if span is None or not doc.has_annotation("TAG") or span.root.tag_ not in ("NNP", "NNPS"):
        return start
    return ws


ORG_LOWER_OK = {"plc", "&", "and", "of", "for", "de", "del", "en", "la", "le", "y", "und"}


_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "CHF", "INR", "CNY", "RMB", "AUD", "CAD", "NOK",
                   "SEK", "DKK", "KRW", "RUB", "HKD", "SGD", "BRL", "MXN", "CLP", "ZAR"}


def _trim_lowercase(norm: str, s: int, e: int) -> tuple[int, int]:
    """Drop trailing lowercase words ("the Verdi union" -> "Verdi")."""
    words = list(re.finditer(r"\S+", norm[s:e]))
    while len(words) > 1 and words[-1].group()[0].islower() and \
            words[-1].group() not in ORG_LOWER_OK:
        words.pop()
    while len(words) > 1 and words[-1].group() in ORG_LOWER_OK - {"plc"}:
        words.pop()
    while len(words) > 1 and words[0].group()[0].islower():
        words.pop(0)
    return (s + words[0].start(), s + words[-1].end()) if words else (s, e)


_GOV_BODY_RE = re.compile(
    r"(?:Ministry|Department|Government|Parliament|Senate|Army|Navy|Air Force|Central Bank|"
    r"Supreme Court|Constitutional Court|Foreign|Finance|Defen[cs]e|Interior|Cabinet|"
    r"Treasury|Embassy|Home Office|National Assembly|Competition)\b")


def _split_possessive(norm: str, s: int, e: int) -> list[tuple[int, int]]:
    """"Deloitte's Sports Business Group" -> "Deloitte", "Sports Business Group"."""
    m = re.search(r"'s\s+(?=[A-ZÀ-Þ])", norm[s:e])
    if not m:
        return [(s, e)]
    return [(s, s + m.start()), (s + m.end(), e)]


def _is_noise(norm: str, doc: Doc, s: int, e: int, label: str) -> bool:
    """Datelines ("MUMBAI —"), currency codes, and single common nouns NER took for names."""
    seg = norm[s:e]
    if seg in _CURRENCY_CODES:
        return True
    line_start = norm.rfind("\n", 0, s) + 1
    if seg.isupper() and len(seg) > 3 and not norm[line_start:s].strip() and re.match(
            r"(?:,\s+[A-Z][\w ]+)?\s+[—–-]\s", norm[e:e + 40]):
        return True
    if label == "ORG" and re.search(
            r"\b(?:island|city|province|prefecture|region|state|town|village|port|capital|"
            r"county|district|republic|mine|airport)s? of\s+$", norm[max(0, s - 30):s]):
        return True
    if label == "ORG" and re.search(r"\b(?:its|their|our|his|her)\s+$", norm[max(0, s - 8):s]) \
            and re.match(r"\s+(?:plant|mine|refinery|terminal|field|project|smelter|factory|"
                         r"site|facility|reactor|dam|shipyard|works|campus|hub)s?\b",
                         norm[e:e + 20]):
        return True  # "its Scarborough Point plant": a facility, not an organization
    if label == "ORG" and " " not in seg.strip() and re.match(
            r"\s+(?:Secretary|Minister|Commissioner)\b", norm[e:e + 20]):
        return True
    if " " not in seg.strip() and doc.has_annotation("TAG") \
            and not label_evidence(norm, s, e)[0]:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span) == 1 and span[0].tag_ not in ("NNP", "NNPS"):
            return True
    return False


def _valid_person(s: str) -> bool:
    words = s.split()
    if not words or len(words) > 5 or any(ch.isdigit() for ch in s):
        return False
    if s.casefold() in _PRONOUNS:
        return False
    if not all(w[0].isupper() or w.casefold() in {"de", "van", "von", "bin", "al", "da", "di",
                                                   "le", "la", "del", "dos", "der"}
               for w in words):
        return False
    return not (len(words) == 1 and s.isupper() and len(s) > 1)


def _valid_org(s: str) -> bool:
    if not s or len(s) < 2 or s.casefold() in _ORG_STOP:
        return False
    if not any(c.isupper() for c in s):
        return False
    return not s.isdigit()


def _heading_mask(text: str) -> Ranges:
    return Ranges((s, e) for s, e in paragraphs(text) if is_heading(text[s:e]))


def in_ranges(pos: int, ranges: Ranges) -> bool:
    """Whether ``pos`` lies in one of ``ranges`` (a logarithmic lookup)."""
    return pos in ranges


def _rule_orgs(norm: str) -> list[tuple[int, int]]:
    """Organization names found by keyword patterns, leading stop words removed."""
    found: list[tuple[int, int]] = []
    for pattern in (_ORG_HEAD_RE, ORG_TAIL_RE):
        for m in pattern.finditer(norm):
            start, end = m.start(), m.end()
            seg = norm[start:end]
            if "\n" in seg:
                continue
            cut = re.search(r"\.\s", seg)
            if cut:
                end = start + cut.start()
                if not (ORG_TAIL_RE.fullmatch(norm[start:end])
                        or _ORG_HEAD_RE.fullmatch(norm[start:end])):
                    continue
            # drop leading stop words ("The", "Yesterday", ...)
            while True:
                w = re.match(r"(\S+)\s+", norm[start:end])
                if w and w.group(1).casefold().strip(",") in _LEADING_STOP:
                    start += w.end()
                else:
                    break
            start, end = _strip_possessive(norm, start, end)
            parts = _split_possessive(norm, start, end)
            if len(parts) == 2:
                if not _GOV_BODY_RE.match(norm, parts[1][0]):
                    found.append(parts[0])  # not "Norway's Ministry of Transport"
                start, end = parts[1]
            if end - start < 4 or " " not in norm[start:end].strip():
                continue
            # sentence-initial single capitalised word before a keyword is likely a stop word
            found.append((start, end))
    found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _merge_and_orgs(text: str, norm: str, raw: list[Mention]) -> None:
    """"the Pharmaceutical Research and Manufacturers of America": NER often splits an
    organization name at "and". Two organization mentions joined by a bare " and ", right
    after "the", neither of which occurs anywhere else in the text, are one name."""
    def joined(a: Mention, b: Mention) -> bool:
        return (a.label == b.label == "ORG" and norm[a.end:b.start] == " and "
                and re.search(r"\b[Tt]he\s+$", norm[max(0, a.start - 4):a.start]) is not None)

    pairs = [(a, b) for a, b in zip(raw, raw[1:], strict=False) if joined(a, b)]
    if not pairs:
        return
    seen = find_occurrences(norm, {norm[m.start:m.end] for p in pairs for m in p})
    i = 0
    while i + 1 < len(raw):
        a, b = raw[i], raw[i + 1]
        if (joined(a, b) and len(seen.get(norm[a.start:a.end], ())) <= 1
                and len(seen.get(norm[b.start:b.end], ())) <= 1):
            a.end = b.end
            a.text = " ".join(text[a.start:a.end].split())
            del raw[i + 1]
            continue
        i += 1


def raw_mentions(text: str, norm: str, doc: Doc) -> tuple[list[Mention], Counter[str], list]:
    headings = _heading_mask(text)
    label_votes: Counter[tuple[str, str]] = Counter()
    raw: list[Mention] = []
    place_spans = []
    ents = list(doc.ents)  # Doc.ents builds new Span objects on every access
    ent_spans = SpanSet((e.start_char, e.end_char) for e in ents)
    for ent in ents:
        label = ent.label_
        if label == "FAC" and org_kind(ent.text) != "other":
            label = "ORG"
        if label in ("GPE", "LOC", "NORP", "FAC"):
            place_spans.append((ent.start_char, ent.end_char))
            s, e, _ = _trim(norm, ent.start_char, ent.end_char, "ORG")
            label_votes[(name_key(norm[s:e]), "PLACE")] += 1
            continue
        if label not in ("PERSON", "ORG"):
            continue
        s, e, hon = _trim(norm, ent.start_char, ent.end_char, label)
        if e <= s:
            continue
        pieces = [(s, e)]
        if label == "ORG":
            s, e = _trim_lowercase(norm, s, e)
            pieces = _split_possessive(norm, s, e)
            if len(pieces) == 2 and _GOV_BODY_RE.match(norm, pieces[1][0]):
                pieces = pieces[1:]  # "Norway's Ministry of Transport": a country's body
        for s, e in pieces:
            if e <= s or _is_noise(norm, doc, s, e, label):
                continue
            if label == "PERSON":
                s = _extend_first_name(norm, doc, s, ent_spans)
            if label == "PERSON" and hon is None:
                prior = re.search(r"\b(Dr|Prof|Professor)(\.?)\s+$", norm[max(0, s - 12):s])
                if prior:
                    hon = prior.group(1) + prior.group(2)
            surface = " ".join(text[s:e].split())
            ok = _valid_person(norm[s:e]) if label == "PERSON" else _valid_org(norm[s:e])
            if not ok:
                continue
            label_votes[(name_key(surface), label)] += 1
            mention = Mention(s, e, surface, label, in_ranges(s, headings), "ner", hon)
            mention.place_context = bool(re.search(
                r"\b(?:in|near|from|across|outside|inside)\s+$", norm[max(0, s - 10):s]))
            raw.append(mention)
    _merge_and_orgs(text, norm, raw)
    taken_ner = [(m.start, m.end) for m in raw] + [
        (x.start_char, x.end_char) for x in ents
        if x.label_ in ("GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "LANGUAGE",
                        "WORK_OF_ART", "MONEY", "PERCENT")]
    for s, e in find_missed_people(norm, taken_ner):
        surface = " ".join(text[s:e].split())
        label_votes[(name_key(surface), "PERSON")] += 1
        raw.append(Mention(s, e, surface, "PERSON", in_ranges(s, headings), "rule"))
    once = Counter(x.text for x in ents)
    taken_org = [(m.start, m.end) for m in raw] + [
        (x.start_char, x.end_char) for x in ents
        if x.label_ in ("NORP", "FAC", "EVENT", "LAW", "LANGUAGE", "MONEY", "PERCENT")
        or (x.label_ in ("GPE", "LOC", "PRODUCT") and once[x.text] > 1)]
    for s, e in find_missed_orgs(norm, taken_org):
        if _is_noise(norm, doc, s, e, "ORG"):
            continue
        surface = " ".join(text[s:e].split())
        label_votes[(name_key(surface), "ORG")] += 1
        raw.append(Mention(s, e, surface, "ORG", in_ranges(s, headings), "rule_context"))
    # rule-based organizations
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in raw:
        by_span.setdefault((m.start, m.end), []).append(m)
    raw_spans = SpanSet(by_span)
    places = SpanSet(place_spans)
    removed: set[int] = set()
    for s, e in _rule_orgs(norm):
        overlapping = [m for span in raw_spans.overlapping(s, e) for m in by_span[span]
                       if id(m) not in removed]
        if any(m.start < s or m.end > e for m in overlapping):
            continue  # crosses an NER entity boundary: trust NER
        if overlapping and all(m.start == s and m.end == e for m in overlapping):
            continue
        if any(p[0] < s for p in places.overlapping(s, e)) and not overlapping:
            continue
        removed.update(id(m) for m in overlapping)
        surface = " ".join(text[s:e].split())
        label_votes[(name_key(surface), "ORG")] += 1
        mention = Mention(s, e, surface, "ORG", in_ranges(s, headings), "rule")
        raw.append(mention)
        if (s, e) not in by_span:
            raw_spans.add(s, e)
        by_span.setdefault((s, e), []).append(mention)
    raw = [m for m in raw if id(m) not in removed]
    raw.sort(key=lambda m: m.start)
    return raw, label_votes, headings


def majority_label(key: str, votes: Counter[tuple[str, str]], default: str) -> str | None:
    counts = {lab: votes[(key, lab)] for lab in ("PERSON", "ORG", "PLACE")}
    best = max(counts.values())
    if counts[default] == best:
        return default
    return max(counts, key=lambda k: counts[k])
