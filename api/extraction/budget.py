"""A CPU-time budget for one extraction, checked between its steps.

Extraction cost grows linearly with the text (see ``bench/extract_cost.py``), but a
200,000-character text still costs seconds, and a server must answer before its worker is
declared dead. A request handler runs the extractor inside :func:`limit`; the extractor calls
:func:`checkpoint` between its steps and between the pieces of a long text, and a checkpoint
past the budget raises :class:`BudgetExceeded` (an :class:`ExtractionError`, so callers
answer it as an invalid text: 422). A step runs to its end, so the overshoot is one step at
most (well under a second for an article; a few seconds for a text near the length limit).

Two clocks: the CPU time of the calling thread (what the text costs, whatever else runs on
the machine) against ``seconds``, and the wall clock against ``WALL_FACTOR`` × ``seconds``
(a starved process stops too). Outside :func:`limit` nothing is checked (the command-line
tools run without a budget).

``DOSSIER_EXTRACT_BUDGET_SECONDS`` sets the budget of API requests (default 20 CPU seconds;
0 turns it off). Keep ``WALL_FACTOR`` × budget under gunicorn's ``timeout``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from api.extraction.errors import ExtractionError

BUDGET_ENV = "DOSSIER_EXTRACT_BUDGET_SECONDS"
DEFAULT_SECONDS = 20.0
WALL_FACTOR = 2.5


class BudgetExceeded(ExtractionError):
    """The extraction used more than its budget."""


@dataclass
class _Budget:
    seconds: float
    cpu_start: float
    wall_start: float

    def spent(self) -> tuple[float, float]:
        return time.thread_time() - self.cpu_start, time.monotonic() - self.wall_start


_current: ContextVar[_Budget | None] = ContextVar("extraction_budget", default=None)


def configured_seconds() -> float:
    """The budget of API requests in CPU seconds, from the environment (0: none)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_SECONDS
    except ValueError:
        raise RuntimeError(f"{BUDGET_ENV} must be a number of seconds, not {raw!r}") from None
    return max(value, 0.0)


@contextmanager
def limit(seconds: float | None = None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` CPU seconds (default: the configured
    one; 0 or less: no budget)."""
    seconds = configured_seconds() if seconds is None else seconds
    if seconds <= 0:
        yield
        return
    token = _current.set(_Budget(seconds, time.thread_time(), time.monotonic()))
    try:
        yield
    finally:
        _current.reset(token)


def checkpoint() -> None:
    """Raise :class:`BudgetExceeded` when the running budget is spent."""
    budget = _current.get()
    if budget is None:
        return
    cpu, wall = budget.spent()
    if cpu > budget.seconds or wall > budget.seconds * WALL_FACTOR:
        raise BudgetExceeded(
            f"extraction stopped: it used more than its budget of {budget.seconds:g} CPU "
            f"seconds ({cpu:.1f} s of CPU, {wall:.1f} s in all); send a shorter text"
        )
