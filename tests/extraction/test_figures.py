"""Money and percentages: exact Decimal values, ISO 4217 currencies, ranges, links."""

from decimal import Decimal

import pytest

from api.extraction import extract


def _figs(text: str) -> list[tuple[str, Decimal, str | None, str]]:
    result = extract(text)
    for f in result.figures:
        assert text[f.start:f.end] == f.text
        assert f.sentence and f.method and 0 < f.confidence <= 1
    return [(f.kind, f.value, f.currency, f.text) for f in result.figures]


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "written"),
    [
        ("Russia forgave $10 billion of debt.", "10000000000", "USD", "$10 billion"),
        ("The firm took a US$3.5m charge.", "3500000", "USD", "US$3.5m"),
        ("Veridian took a US$2.3bn writedown.", "2300000000", "USD", "US$2.3bn"),
        ("The fund holds €200 million in bonds.", "200000000", "EUR", "€200 million"),
        ("Kaneda will invest 1.2 trillion yen in Kyushu.", "1200000000000", "JPY",
         "1.2 trillion yen"),
        ("The railway received £40bn of support.", "40000000000", "GBP", "£40bn"),
        ("Claims of Rs 500 crore were filed.", "5000000000", "INR", "Rs 500 crore"),
        ("The state released ₹2,761 crore to farmers.", "27610000000", "INR", "₹2,761 crore"),
        ("Output fell by ₹1.2 lakh crore this year.", "1200000000000", "INR", "₹1.2 lakh crore"),
        ("Helvexa paid 4.1 billion Swiss francs for it.", "4100000000", "CHF",
         "4.1 billion Swiss francs"),
        ("Sales reached CHF 8.9bn in the quarter.", "8900000000", "CHF", "CHF 8.9bn"),
        ("The fund returned 1,400 billion kroner.", "1400000000000", "NOK",
         "1,400 billion kroner"),
        ("Each worker gets 18 million Chilean pesos.", "18000000", "CLP",
         "18 million Chilean pesos"),
        ("The budget is 44 billion euros.", "44000000000", "EUR", "44 billion euros"),
        ("The cap is £9,535 a year.", "9535", "GBP", "£9,535"),
    ],
)
def test_money_forms(sentence: str, value: str, currency: str, written: str) -> None:
    assert ("money", Decimal(value), currency, written) in _figs(sentence)


def test_range_with_trailing_multiplier_and_currency() -> None:
    figs = _figs("The fund will be worth between 44 and 60 billion euros, officials said.")
    assert [(k, v, c) for k, v, c, _ in figs] == [
        ("money", Decimal("44000000000"), "EUR"), ("money", Decimal("60000000000"), "EUR")]


def test_range_with_symbols_on_both_ends() -> None:
    figs = _figs("The strike costs between £25m and £30m in lost fares.")
    assert [v for _, v, _, _ in figs] == [Decimal("25000000"), Decimal("30000000")]


def test_hyphenated_range() -> None:
    figs = _figs("Savings of $44-60bn are expected.")
    assert [v for _, v, _, _ in figs] == [Decimal("44000000000"), Decimal("60000000000")]


@pytest.mark.parametrize(
    ("sentence", "value", "written"),
    [
        ("Debt fell 90% last year.", "90", "90%"),
        ("Shares fell 12 per cent.", "12", "12 per cent"),
        ("Costs rose 12 percent.", "12", "12 percent"),
        ("Inflation eased to 3.1 per cent in April.", "3.1", "3.1 per cent"),
    ],
)
def test_percent_forms(sentence: str, value: str, written: str) -> None:
    assert _figs(sentence) == [("percent", Decimal(value), None, written)]


def test_percentage_points_are_not_percentages() -> None:
    assert _figs("The poll is accurate to within 2.8 percentage points.") == []


def test_percent_range() -> None:
    figs = _figs("Fares would need to rise by 15% to 20% to cover costs.")
    assert [v for _, v, _, _ in figs] == [Decimal("15"), Decimal("20")]


def test_percentage_linked_to_amount_in_parentheses() -> None:
    text = "Russia agreed to forgive 90% ($10 billion) of North Korea’s Soviet-era debt."
    result = extract(text)
    pct, money = result.figures
    assert pct.related == 1 and money.related is None
    assert money.measures == "North Korea’s Soviet-era debt"
    assert pct.measures == "share of North Korea’s Soviet-era debt"
    assert pct.sentence == text


def test_amount_with_converted_amount_in_parentheses() -> None:
    figs = _figs("Nordwind is valued at €2.7 billion ($2.9 billion), the company said.")
    assert [(v, c) for _, v, c, _ in figs] == [
        (Decimal("2700000000"), "EUR"), (Decimal("2900000000"), "USD")]


def test_plain_numbers_and_years_are_not_figures() -> None:
    assert _figs("In 2021, 1,700 people worked at 36 sites; 10 pounds of flour.") == []


def test_decimal_values_are_exact() -> None:
    ((_, value, _, _),) = _figs("Profit was $1.27 billion.")
    assert value == Decimal("1270000000") and str(value) == "1270000000"


def test_measures_skip_other_figures() -> None:
    result = extract("Revenue rose 12% to €4.2bn, while profit fell to 300 million euros.")
    assert [f.measures for f in result.figures] == ["Revenue rose", "Revenue rose",
                                                     "while profit fell"]


@pytest.mark.parametrize(
    ("sentence", "value", "currency", "written"),
    [
        ("It cost the airline 150 million crowns, Norway's regulator said.", "150000000", "NOK",
         "150 million crowns"),
        ("The fine was 900 million Norwegian crowns.", "900000000", "NOK",
         "900 million Norwegian crowns"),
        ("Ninety million pounds went to shareholders.", "90000000", "GBP",
         "Ninety million pounds"),
        ("They took a $1.2-billion loan.", "1200000000", "USD", "$1.2-billion"),
        ("The bank raised SEK 2.3 billion.", "2300000000", "SEK", "SEK 2.3 billion"),
        ("Farmers get 49,600 cedis a tonne.", "49600", "GHS", "49,600 cedis"),
    ],
)
def test_more_currencies_and_written_forms(sentence: str, value: str, currency: str,
                                          written: str) -> None:
    assert ("money", Decimal(value), currency, written) in _figs(sentence)


def test_bare_crowns_without_a_country_are_not_money() -> None:
    assert _figs("The club won 3 million crowns worth of trophies.") == []


def test_two_currencies_joined_by_and_are_not_a_range() -> None:
    assert _figs("It raised SEK2bn and DKK 1bn.") == [
        ("money", Decimal("2000000000"), "SEK", "SEK2bn"),
        ("money", Decimal("1000000000"), "DKK", "DKK 1bn")]


def test_wire_style_pct_and_percentage_points() -> None:
    figs = _figs("The index rose 0.5 pct, a 1.9 percentage point gain.")
    assert figs == [("percent", Decimal("0.5"), None, "0.5 pct")]


def test_australian_style_dollar_prefixes() -> None:
    figs = _figs("It signed a $US4bn ($A6.1bn) deal; shares rose to $A14.82.")
    assert figs == [("money", Decimal("4000000000"), "USD", "$US4bn"),
                    ("money", Decimal("6100000000"), "AUD", "$A6.1bn"),
                    ("money", Decimal("14.82"), "AUD", "$A14.82")]
