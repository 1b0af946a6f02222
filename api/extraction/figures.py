"""Money amounts and percentages, by hand-written regular expressions.

spaCy's MONEY entity is not used: it tags "3 per cent" as money and cuts "US$2.3bn" to "2.3bn".
Values are exact :class:`~decimal.Decimal` numbers (``$10 billion`` -> ``10000000000``),
currencies ISO 4217 codes. A bare ``$`` is read as USD and a bare ``¥`` as JPY.

Ranges ("between 44 and 60 billion euros", "$44-60bn", "10-12%") yield one figure per end;
the first figure's text and span cover its own number (e.g. "44"), the second's the rest
("60 billion euros"), and the first takes the multiplier and currency of the second.
A percentage directly followed or preceded by an amount in parentheses ("90% ($10 billion)"),
or followed by "of (the) <amount>", is linked to it through ``related``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc

from api.extraction.intervals import Ranges
from api.extraction.result import FinancialFigure

MULTIPLIERS: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9, "bln": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12, "trn": Decimal(10) ** 12, "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7, "lakh": Decimal(10) ** 5, "lakhs": Decimal(10) ** 5,
}
PREFIX_CURRENCIES: dict[str, str] = {
    "$us": "USD", "$au": "AUD", "$a": "AUD", "$nz": "NZD", "$ca": "CAD", "$c": "CAD",
    "$hk": "HKD", "$s": "SGD",
    "us$": "USD", "u.s.$": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD",
    "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "₩": "KRW", "₽": "RUB",
    "chf": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "inr": "INR",
    "cny": "CNY", "rmb": "CNY", "aud": "AUD", "cad": "CAD", "krw": "KRW", "rub": "RUB",
    **{c.casefold(): c for c in ("NOK", "SEK", "DKK", "HKD", "SGD", "NZD", "ZAR", "BRL", "MXN",
                                 "PLN", "TRY", "SAR", "AED", "ILS", "CZK", "HUF", "IDR", "THB",
                                 "MYR", "PHP", "NGN", "KES", "EGP")},
}
SUFFIX_CURRENCIES: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "singapore dollars": "SGD", "new zealand dollars": "NZD", "dollars": "USD",
    "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "INR", "rupee": "INR", "roubles": "RUB", "rubles": "RUB",
    "rouble": "RUB", "ruble": "RUB", "swiss francs": "CHF", "francs": "CHF",
    "south korean won": "KRW", "won": "KRW", "mexican pesos": "MXN", "chilean pesos": "CLP",
    "argentine pesos": "ARS", "colombian pesos": "COP", "philippine pesos": "PHP",
    "pesos": "MXN", "reais": "BRL", "rand": "ZAR", "norwegian kroner": "NOK",
    "danish kroner": "DKK", "swedish kronor": "SEK", "kronor": "SEK", "kroner": "NOK",
    "krone": "NOK", "zloty": "PLN", "lira": "TRY", "liras": "TRY", "dirhams": "AED",
    "riyals": "SAR", "naira": "NGN", "shillings": "KES", "baht": "THB", "ringgit": "MYR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "inr": "INR", "cny": "CNY",
    "chf": "CHF", "aud": "AUD", "cad": "CAD", "norwegian crowns": "NOK",
    "norwegian krone": "NOK", "swedish crowns": "SEK", "swedish krona": "SEK",
    "danish crowns": "DKK", "danish krone": "DKK", "czech crowns": "CZK", "koruna": "CZK",
    "icelandic crowns": "ISK", "crowns": "", "crown": "",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD", "rands": "ZAR", "shekels": "ILS",
    "rupiah": "IDR", "dong": "VND", "hryvnias": "UAH",
    "forints": "HUF", "zlotys": "PLN", "cedis": "GHS", "cedi": "GHS", "kwacha": "ZMW",
    "birr": "ETB", "lei": "RON", "egyptian pounds": "EGP", "turkish lira": "TRY",
}
# A bare "crowns" takes the currency of the last qualified mention ("Norwegian crowns")
# or of the country the article names; without either it is not a figure.
_CROWN_COUNTRIES = (("norw", "NOK"), ("swed", "SEK"), ("danish", "DKK"), ("denmark", "DKK"),
                    ("czech", "CZK"), ("iceland", "ISK"))
# suffix words that are too ambiguous without a multiplier ("10 pounds of flour", "he won")
_NEEDS_MULT = {"pounds", "pound", "won", "rand", "rands", "crowns", "crown", "real", "dong",
               "lei"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Scale words in any case: headlines write "$60 Million" and "$1.5 BILLION".
_MULT_WORD = (r"(?i:thousand|million|billion|trillion|crores?|lakhs?|bn|mn|mln|bln|tn|trn|"
              r"m|k|b)")
_MULT = rf"(?:(?i:lakh\s+crore)|{_MULT_WORD})"
_PREFIX = (r"(?:US\$|U\.S\.\s?\$|AU\$|A\$|CA\$|C\$|NZ\$|HK\$|S\$|R\$|"
           r"\$(?:US|AU|A|NZ|CA|C|HK|S)(?=\s?\d)|\$|€|£|¥|₹|₩|₽|Rs\.?|"
           r"(?:USD|EUR|GBP|JPY|INR|CHF|CNY|RMB|AUD|CAD|KRW|RUB|NOK|SEK|DKK|HKD|SGD|NZD|ZAR|"
           r"BRL|MXN|PLN|TRY|SAR|AED|ILS|CZK|HUF|IDR|THB|MYR|PHP|NGN|KES|EGP)(?=\s?\d))")
_SUFFIX = "|".join(re.escape(k) for k in sorted(SUFFIX_CURRENCIES, key=len, reverse=True))
_RANGE_SEP = r"\s?(?:-|–|—|to|and)\s?"
_B = r"(?<![\w.,])"

PREFIX_RE = re.compile(
    rf"{_B}(?P<cur>{_PREFIX})\s?(?P<n1>{_NUM})"
    rf"(?:(?:\s?|-(?=[mbt]illion|trillion))(?P<m1>{_MULT})(?![A-Za-z]))?"
    rf"(?:{_RANGE_SEP}(?:(?P<cur2>{_PREFIX})\s?)?(?P<n2>{_NUM})"
    rf"(?:\s?(?P<m2>{_MULT})(?![A-Za-z]))?)?(?!\s?%)"
)
SUFFIX_RE = re.compile(
    rf"{_B}(?P<n1>{_NUM})(?:\s?(?P<m1>{_MULT})(?![A-Za-z]))?"
    rf"(?:{_RANGE_SEP}(?P<n2>{_NUM})(?:\s?(?P<m2>{_MULT})(?![A-Za-z]))?)?"
    rf"\s(?P<cur>{_SUFFIX})(?![A-Za-z])",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(
    rf"{_B}(?P<n1>{_NUM})(?:\s?(?:%|per\s?cent|percent|pc)(?![A-Za-z]))?"
    rf"(?:{_RANGE_SEP}(?P<n2>{_NUM}))?\s?(?P<unit>%|per\s?cent|percent|pct|pc)(?![A-Za-z])"
    r"(?!\s+points?)(?!age\s+points?)",
    re.IGNORECASE,
)
_MEASURE_STOP = re.compile(
    r"\b(?:in|on|by|from|to|over|since|back|last|this|next|as|and|but|which|that|while|"
    r"after|before|with|for|between|under|at|during|was|were|is|are|will|would|has|have|"
    r"had|said|says)\b"
)


_UNIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen")
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS)}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS)}
_WORD_NUM = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(list(_UNITS)[1:10])}))?|"
             rf"{'|'.join(sorted(list(_UNITS)[1:], key=len, reverse=True))}|a)"
             r"(?:\s+hundred)?")
WORD_MONEY_RE = re.compile(
    rf"(?<![\w-])(?P<num>{_WORD_NUM})\s+(?P<mult>thousand|million|billion|trillion)\s+"
    rf"(?P<cur>{_SUFFIX})(?![A-Za-z])", re.IGNORECASE)


def _word_value(words: str) -> Decimal:
    """"ninety" -> 90, "twenty-five" -> 25, "a" -> 1, "three hundred" -> 300."""
    total = 0
    for w in re.split(r"[\s-]+", words.casefold()):
        if w == "hundred":
            total = (total or 1) * 100
        else:
            total += _TENS.get(w) or _UNITS.get(w) or (1 if w == "a" else 0)
    return Decimal(total)


@dataclass
class _Raw:
    kind: str
    value: Decimal
    currency: str | None
    start: int
    end: int
    method: str


def _value(num: str, mult: str | None) -> Decimal:
    value = Decimal(num.replace(",", ""))
    for word in (mult or "").split():
        value *= MULTIPLIERS[word.casefold()]
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return value.normalize() if value != value.to_integral_value() else value


def _money(norm: str) -> list[_Raw]:
    crowns = _CrownContext(norm)
    out: list[_Raw] = []
    taken: list[tuple[int, int]] = []
    for m in PREFIX_RE.finditer(norm):
        cur = PREFIX_CURRENCIES[re.sub(r"\s", "", m.group("cur")).casefold()]
        m1, m2 = m.group("m1"), m.group("m2")
        cur2 = m.group("cur2") and PREFIX_CURRENCIES[
            re.sub(r"\s", "", m.group("cur2")).casefold()]
        if m.group("n2") and cur2 and cur2 != cur:  # "SEK 2bn and DKK 1bn": two amounts
            out.append(_Raw("money", _value(m.group("n1"), m1), cur, m.start(),
                            m.end("m1") if m1 else m.end("n1"), "regex_prefix"))
            out.append(_Raw("money", _value(m.group("n2"), m2), cur2, m.start("cur2"), m.end(),
                            "regex_prefix"))
            taken.append((m.start(), m.end()))
            continue
        if m.group("n2"):
            if m.group("cur2") is None and m1 is None and m2 is None and not re.search(
                    r"-|–|—", norm[m.end("n1"):m.start("n2")]):
                # "$5 and 6 more": not a range; keep the first amount only
                out.append(_Raw("money", _value(m.group("n1"), None), cur, m.start(),
                                m.end("n1"), "regex_prefix"))
                taken.append((m.start(), m.end("n1")))
                continue
            out.append(_Raw("money", _value(m.group("n1"), m1 or m2), cur, m.start(),
                            m.end("m1") if m1 else m.end("n1"), "regex_range"))
            s2 = m.start("cur2") if m.group("cur2") else m.start("n2")
            out.append(_Raw("money", _value(m.group("n2"), m2), cur, s2, m.end(), "regex_range"))
        else:
            out.append(_Raw("money", _value(m.group("n1"), m1), cur, m.start(), m.end(),
                            "regex_prefix"))
        taken.append((m.start(), m.end()))
    for m in SUFFIX_RE.finditer(norm):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        word = " ".join(m.group("cur").casefold().split())
        m1, m2 = m.group("m1"), m.group("m2")
        if word in _NEEDS_MULT and not (m1 or m2):
            continue
        cur = SUFFIX_CURRENCIES[word]
        if not cur:
            cur = crowns.currency(m.start(), word)
            if not cur:
                continue
        start = m.start()
        between = norm[max(0, start - 8):start]
        if m.group("n2"):
            out.append(_Raw("money", _value(m.group("n1"), m1 or m2), cur, start,
                            m.end("m1") if m1 else m.end("n1"), "regex_range"))
            out.append(_Raw("money", _value(m.group("n2"), m2), cur, m.start("n2"), m.end(),
                            "regex_range"))
        else:
            out.append(_Raw("money", _value(m.group("n1"), m1), cur, start, m.end(),
                            "regex_suffix"))
        del between
        taken.append((m.start(), m.end()))
    for m in WORD_MONEY_RE.finditer(norm):  # "Ninety million pounds", "a billion dollars"
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        cur = SUFFIX_CURRENCIES[" ".join(m.group("cur").casefold().split())]
        if not cur:
            cur = crowns.currency(m.start(), m.group("cur").casefold())
            if not cur:
                continue
        value = _word_value(m.group("num")) * MULTIPLIERS[m.group("mult").casefold()]
        if value:
            out.append(_Raw("money", value, cur, m.start(), m.end(), "regex_words"))
            taken.append((m.start(), m.end()))
    return out


class _CrownContext:
    """Currency of an ambiguous unit word ("crowns") from its context: the last qualified
    mention before it ("Norwegian crowns"), else the country the article names most. The
    text is read once, however many amounts ask."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self._qualified: tuple[list[int], list[str]] | None = None
        self._country: str | None | bool = False

    def currency(self, pos: int, word: str) -> str | None:
        if not word.startswith("crown"):
            return None
        if self._qualified is None:
            found = [(m.end(), SUFFIX_CURRENCIES[f"{m.group(1).casefold()} crowns"])
                     for m in re.finditer(r"\b(norwegian|swedish|danish|czech|icelandic)\s+"
                                          r"crowns?\b", self.norm, re.IGNORECASE)]
            self._qualified = ([end for end, _ in found], [c for _, c in found])
        ends, codes = self._qualified
        i = bisect.bisect_right(ends, pos)  # the last qualified mention ending before pos
        if i:
            return codes[i - 1]
        if self._country is False:
            low = self.norm.casefold()
            best = max((low.count(k), code) for k, code in _CROWN_COUNTRIES)
            self._country = best[1] if best[0] else None
        return self._country  # type: ignore[return-value]


def _percents(norm: str, taken: list[tuple[int, int]]) -> list[_Raw]:
    out: list[_Raw] = []
    for m in PERCENT_RE.finditer(norm):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if m.group("n2"):
            first_end = m.end("n1")
            unit_after_first = re.match(r"\s?(%|per\s?cent|percent|pc)", norm[first_end:],
                                        re.IGNORECASE)
            if unit_after_first:
                first_end += unit_after_first.end()
            out.append(_Raw("percent", _value(m.group("n1"), None), None, m.start(), first_end,
                            "regex_range"))
            out.append(_Raw("percent", _value(m.group("n2"), None), None, m.start("n2"),
                            m.end(), "regex_range"))
        else:
            out.append(_Raw("percent", _value(m.group("n1"), None), None, m.start(), m.end(),
                            "regex_percent"))
    return out


def _measures(text: str, norm: str, start: int, end: int, sent_start: int,
              sent_end: int) -> str | None:
    """Short description of what a figure measures: "<figure> of/in X", else the words
    before it in its clause (taken from the original text)."""
    pos = end
    skip = re.match(r"\)?(?:\s*\([^)]*\))?", norm[pos:sent_end])
    pos += skip.end() if skip else 0
    m = re.match(r"\s+(?:of|in)\s+(?:(?:the|its|their|a|an)\s+)?([^,.;:()“”\"]+)",
                 norm[pos:sent_end])
    if m:
        p0 = pos + m.start(1)
        phrase = m.group(1)
        stop = _MEASURE_STOP.search(phrase)
        if stop:
            phrase = phrase[:stop.start()]
        words = list(re.finditer(r"\S+", phrase))[:6]
        if words:
            return " ".join(text[p0:p0 + words[-1].end()].split())
    clause_start = sent_start
    for sep in re.finditer(r"[,;:()“”\"—–]", norm[sent_start:start]):
        clause_start = sent_start + sep.end()
    words = [w for w in re.finditer(r"\S+", norm[clause_start:start])
             if not re.search(r"\d", w.group())]
    while words and _MEASURE_STOP.fullmatch(words[-1].group().casefold()):
        words.pop()
    words = words[-5:]
    while words and words[0].group().casefold() in {"the", "a", "an", "its", "their", "of",
                                                     "to"}:
        words.pop(0)
    if not words:
        return None
    return " ".join(text[clause_start + words[0].start():clause_start + words[-1].end()].split())


def extract_figures(text: str, norm: str, doc: Doc) -> list[FinancialFigure]:
    """All money amounts and percentages of ``text``, in order of appearance."""
    money = _money(norm)
    raws = money + _percents(norm, [(r.start, r.end) for r in money])
    raws.sort(key=lambda r: r.start)
    sents = Ranges((s.start_char, s.end_char) for s in doc.sents)
    figures: list[FinancialFigure] = []
    for r in raws:
        ss, se = sents.find(r.start) or (0, len(text))
        # a sentence never crosses a paragraph break
        para_start = text.rfind("\n", 0, r.start) + 1
        para_end = text.find("\n", r.end)
        ss, se = max(ss, para_start), min(se, para_end if para_end >= 0 else len(text))
        figures.append(FinancialFigure(
            kind=r.kind, value=r.value, currency=r.currency, text=text[r.start:r.end],
            start=r.start, end=r.end, measures=_measures(text, norm, r.start, r.end, ss, se),
            sentence=" ".join(text[ss:se].split()), related=None, method=r.method,
            confidence=0.9 if r.method != "regex_range" else 0.8,
        ))
    _link(norm, figures)
    return figures


def _link(norm: str, figures: list[FinancialFigure]) -> None:
    """Link percentages to the amount they are a share of: the money figure right before or
    right after it (only neighbours in text order can be separated by a parenthesis or
    "of the" alone)."""
    for i, f in enumerate(figures):
        if f.kind != "percent":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(figures) or figures[j].kind != "money":
                continue
            g = figures[j]
            gap_after = norm[f.end:g.start]
            gap_before = norm[g.end:f.start]
            if (re.fullmatch(r"\s*\(\s*", gap_after)
                    or re.fullmatch(r"\s+of\s+(?:the\s+|its\s+|their\s+|a\s+)?", gap_after)
                    or re.fullmatch(r"\s*\(\s*", gap_before)):
                f.related = j
                if f.measures is None or f.measures == g.measures:
                    f.measures = f"share of {g.measures}" if g.measures else None
                break
