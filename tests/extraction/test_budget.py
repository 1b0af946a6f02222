"""The CPU budget of one extraction: checked between steps, only inside `limit`."""

from __future__ import annotations

import pytest

from api.extraction import BudgetExceeded, ExtractionError, budget, extract

TEXT = "\n".join(
    f"Councillor Mira Solberg{i} said the ferry to Nordøy{i} would cost NOK {i} million."
    for i in range(400))


def test_an_extraction_past_its_budget_raises() -> None:
    with budget.limit(0.001), pytest.raises(BudgetExceeded) as caught:
        extract(TEXT)
    assert isinstance(caught.value, ExtractionError)  # answered like an unusable text
    assert "budget of 0.001 CPU seconds" in str(caught.value)


def test_within_its_budget_an_extraction_completes() -> None:
    with budget.limit(600):
        result = extract("Mira Solberg said the plan would cost NOK 40 million.")
    assert [p.name for p in result.people] == ["Mira Solberg"]


def test_no_budget_outside_limit_and_with_zero() -> None:
    budget.checkpoint()  # nothing running: never raises
    with budget.limit(0):
        extract(TEXT[:2000])


def test_budget_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(budget.BUDGET_ENV, raising=False)
    assert budget.configured_seconds() == budget.DEFAULT_SECONDS
    monkeypatch.setenv(budget.BUDGET_ENV, "2.5")
    assert budget.configured_seconds() == 2.5
    monkeypatch.setenv(budget.BUDGET_ENV, "0")
    assert budget.configured_seconds() == 0
    monkeypatch.setenv(budget.BUDGET_ENV, "soon")
    with pytest.raises(RuntimeError, match=budget.BUDGET_ENV):
        budget.configured_seconds()
