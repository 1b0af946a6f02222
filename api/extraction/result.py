"""Result records produced by :func:`api.extraction.extract`.

All offsets are Python ``str`` indices (Unicode code points) into the ORIGINAL article text,
half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    """A character span ``[start, end)`` in the original text."""

    start: int
    end: int


@dataclass
class Person:
    """A person mentioned in the article, with every mention's span."""

    name: str
    aliases: list[str]
    description: str | None
    spans: list[Span]
    method: str
    confidence: float


@dataclass
class Organization:
    """An organization mentioned in the article (places are never organizations)."""

    name: str
    aliases: list[str]
    kind: str
    parent: str | None
    spans: list[Span]
    method: str
    confidence: float


@dataclass
class Quote:
    """One quoted statement (``start``/``end`` cover the text inside the marks), or one
    clause of reported speech (``kind="indirect"``). A statement interrupted by its
    attribution (“A,” X said, “B.”) is one quote: its span runs from the first segment to the
    last and its ``text`` is the segments' texts joined by a space."""

    text: str
    start: int
    end: int
    speaker_name: str | None
    speaker: str | None
    speaker_type: str | None
    verb: str | None
    method: str
    confidence: float
    kind: str = "direct"  # direct, partial, indirect (reported speech) or scare


@dataclass
class FinancialFigure:
    """A money amount or a percentage, normalised to an exact decimal value."""

    kind: str
    value: Decimal
    currency: str | None
    text: str
    start: int
    end: int
    measures: str | None
    sentence: str
    related: int | None
    method: str
    confidence: float


@dataclass
class Affiliation:
    """A person's role at an organization, from an apposition or a title before the name."""

    person: str
    organization: str
    role: str | None
    start: int
    end: int


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass
class ExtractionResult:
    """Everything extracted from one article."""

    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[FinancialFigure] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: Decimal values become strings, spans ``{"start", "end"}`` dicts."""
        return _jsonable(asdict(self))
