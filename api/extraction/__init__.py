"""Text extraction engine: article text in, people/organizations/quotes/figures out.

Pure: no database, no Flask, no network. The spaCy pipeline is loaded once per process
(lazily) from the ``DOSSIER_SPACY_MODEL`` environment variable.
"""

from __future__ import annotations

from api.extraction.affiliations import annotate
from api.extraction.budget import BudgetExceeded, checkpoint
from api.extraction.entities import extract_entities
from api.extraction.errors import ExtractionError
from api.extraction.figures import extract_figures
from api.extraction.pipeline import parse
from api.extraction.quotes import extract_quotes
from api.extraction.result import (
    Affiliation,
    ExtractionResult,
    FinancialFigure,
    Organization,
    Person,
    Quote,
    Span,
)
from api.extraction.text import MAX_TEXT_CHARS, normalize, validate

EXTRACTOR_VERSION = "2.5.0"

__all__ = [
    "EXTRACTOR_VERSION",
    "MAX_TEXT_CHARS",
    "Affiliation",
    "BudgetExceeded",
    "ExtractionError",
    "ExtractionResult",
    "FinancialFigure",
    "Organization",
    "Person",
    "Quote",
    "Span",
    "extract",
]


def extract(text: str) -> ExtractionResult:
    """Extract people, organizations, quotes, financial figures and affiliations.

    Offsets in the result are code-point indices into ``text`` itself. Raises
    :class:`ExtractionError` (a ``ValueError``) for empty, binary or over-long text, and its
    subclass :class:`BudgetExceeded` when run inside :func:`api.extraction.budget.limit`
    past the budget.
    """
    validate(text)
    norm = normalize(text)
    checkpoint()
    doc = parse(norm, checkpoint)
    checkpoint()
    index = extract_entities(text, norm, doc)
    checkpoint()
    affiliations = annotate(text, norm, index)
    quotes = extract_quotes(text, norm, index, doc)
    checkpoint()
    figures = extract_figures(text, norm, doc)
    people = [
        Person(e.name, e.aliases, e.description,
               [Span(m.start, m.end) for m in e.mentions], e.method, e.confidence)
        for e in index.people
    ]
    organizations = [
        Organization(e.name, e.aliases, e.kind, e.parent,
                     [Span(m.start, m.end) for m in e.mentions], e.method, e.confidence)
        for e in index.organizations
    ]
    return ExtractionResult(people, organizations, quotes, figures, affiliations,
                            EXTRACTOR_VERSION)
