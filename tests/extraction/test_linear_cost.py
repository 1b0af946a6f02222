"""The one-pass helpers that keep extraction linear in text length, checked against the
plain (quadratic) way of computing the same thing, and the long-text pipeline pass."""

from __future__ import annotations

import random
import re

from api.extraction import extract
from api.extraction.entity_model import Entity, Mention
from api.extraction.intervals import Ranges, SpanSet
from api.extraction.occurrences import find_occurrences
from api.extraction.people import FuzzyWords, PeopleLookup
from api.extraction.pipeline import CHUNK_CHARS, parse, pieces

TEXT = ("The U.S. Treasury said Anna Lindqvist-Berg met Anna Lindqvist, and AT&T Inc. said "
        "Harwood's rose. Lindqvist's view\nU.S.A. officials and Procter & Gamble agreed; "
        "Berg-Anna Lindqvist did not.")
FORMS = ["U.S.", "Anna Lindqvist", "Anna", "Lindqvist", "AT&T Inc.", "AT&T", "Harwood's",
         "Harwood", "Procter & Gamble", "Inc", "S", "Berg", "Treasury said"]


def test_occurrences_match_the_word_bounded_regex() -> None:
    found = find_occurrences(TEXT, FORMS)
    for form in FORMS:
        expected = [m.span() for m in re.finditer(
            rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", TEXT)]
        assert found.get(form, []) == expected, form


def test_occurrences_on_random_names_match_the_regex() -> None:
    rng = random.Random(3)
    words = ["Kel", "Mar", "Tosun", "Ravi", "O'Duya", "Anne-Li", "U.N.", "Co."]
    text = " ".join(rng.choice(words + ["met", "and", ",", "-", "said"]) for _ in range(400))
    forms = {" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(60)} | set(words)
    found = find_occurrences(text, forms)
    for form in forms:
        expected = [m.span() for m in re.finditer(
            rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", text)]
        assert found.get(form, []) == expected, form


def test_span_set_overlaps_like_a_scan_of_all_spans() -> None:
    rng = random.Random(5)
    spans = [(s, s + rng.randint(1, 40)) for s in (rng.randint(0, 2000) for _ in range(300))]
    index = SpanSet(spans[:150])
    for s, e in spans[150:]:
        index.add(s, e)
    for _ in range(500):
        a = rng.randint(0, 2100)
        b = a + rng.randint(1, 60)
        brute = sorted(x for x in spans if x[0] < b and a < x[1])
        assert sorted(index.overlapping(a, b)) == brute
        assert index.overlaps(a, b) == bool(brute)


def test_ranges_find_the_range_holding_a_position() -> None:
    ranges = Ranges([(10, 20), (0, 5), (30, 31)])
    assert ranges.find(3) == (0, 5) and ranges.find(19) == (10, 20)
    assert ranges.find(5) is None and 30 in ranges and 31 not in ranges


def test_fuzzy_words_find_words_two_edits_away() -> None:
    words = FuzzyWords({"lindqvist", "moreau", "kovac"})
    assert words.near("lindkvist") == {"lindqvist"}
    assert words.near("moureaux") == {"moreau"}
    assert words.near("smith") == set()


def test_people_lookup_takes_the_latest_full_name_before_a_surname() -> None:
    anna = Entity("PERSON", "Anna Lindqvist", [Mention(0, 14, "Anna Lindqvist", "PERSON")])
    erik = Entity("PERSON", "Erik Lindqvist", [Mention(40, 54, "Erik Lindqvist", "PERSON")])
    lookup = PeopleLookup([anna, erik])
    assert lookup.resolve("Lindqvist", 30) is anna
    assert lookup.resolve("Lindqvist", 60) is erik
    anna.add_mention(Mention(70, 84, "Anna Lindqvist", "PERSON"))
    assert lookup.resolve("Lindqvist", 90) is anna
    assert lookup.resolve("Lindqvst", 90) is anna  # a misspelt surname, two edits at most
    assert lookup.resolve("Okafor", 90) is None


def test_pieces_cut_long_text_at_paragraphs_and_join_back() -> None:
    paragraph = "Mira Solberg, a councillor in Tromsø, said the ferry plan would cost more. "
    text = "\n".join(paragraph * 6 for _ in range(60))
    parts = pieces(text)
    assert "".join(parts) == text and len(parts) > 1
    assert all(len(p) <= CHUNK_CHARS for p in parts)
    assert all(p.endswith("\n") for p in parts[:-1])
    one_line = paragraph * 400  # no newline at all: cut after sentences
    assert "".join(pieces(one_line)) == one_line
    assert all(p.endswith(". ") for p in pieces(one_line)[:-1])


def test_long_text_offsets_stay_valid_across_pieces() -> None:
    paragraph = ("Mira Solberg, a councillor in Tromsø, said the ferry plan would cost "
                 "NOK 40 million. Harald Eik of Nordfjord Shipping ASA disagreed.")
    text = "\n".join(paragraph for _ in range(250))
    assert len(text) > 2 * CHUNK_CHARS
    doc = parse(text)
    assert doc.text == text
    result = extract(text)
    people = {p.name: p for p in result.people}
    assert "Mira Solberg" in people and "Harald Eik" in people
    for s in people["Harald Eik"].spans:
        assert text[s.start:s.end] in ("Harald Eik", "Eik")
    assert len(people["Mira Solberg"].spans) == 250
    money = [f for f in result.figures if f.kind == "money"]
    assert len(money) == 250 and all(text[f.start:f.end] == "NOK 40 million" for f in money)
