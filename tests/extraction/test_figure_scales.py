"""Scale words in any case, as headlines write them, and the Indian and wire-style units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.extraction import extract


@pytest.mark.parametrize(("text", "figure", "value", "currency"), [
    ("Orbly Raises $60 Million In Seed Round", "$60 Million", "60000000", "USD"),
    ("Harbour Deal Worth $1.5 BILLION Collapses", "$1.5 BILLION", "1500000000", "USD"),
    ("The port authority lost Rs 3 Crore last year.", "Rs 3 Crore", "30000000", "INR"),
    ("Farmers were paid Rs 2 LAKH each.", "Rs 2 LAKH", "200000", "INR"),
    ("Tellmark booked $4 bln in orders.", "$4 bln", "4000000000", "USD"),
    ("Vestra set aside EUR 5 Mln for repairs.", "EUR 5 Mln", "5000000", "EUR"),
    ("The Nordøy ferry cost 40 Million euros.", "40 Million euros", "40000000", "EUR"),
    ("A $5M Round For Kelvo", "$5M", "5000000", "USD"),
])
def test_scale_words_in_any_case(text: str, figure: str, value: str, currency: str) -> None:
    money = [f for f in extract(text).figures if f.kind == "money"]
    assert [(f.text, f.value, f.currency) for f in money] == [(figure, Decimal(value), currency)]


def test_a_capitalised_word_after_an_amount_is_no_scale() -> None:
    money = [f for f in extract("He paid $5 Monday and $7 Kelvo fees.").figures]
    assert [(f.text, f.value) for f in money] == [("$5", Decimal(5)), ("$7", Decimal(7))]
