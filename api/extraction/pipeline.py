"""Running the spaCy pipeline over a whole article, long ones in paragraph-aligned pieces.

spaCy's cost per character rises with the size of one ``Doc`` (bigger arrays, worse cache
use), and a 200,000-character text as one ``Doc`` costs about a fifth more per character
than an article does. Texts longer than :data:`CHUNK_CHARS` are cut at paragraph breaks (at
a sentence end or a space when a paragraph is longer), run through ``nlp.pipe`` and joined
with ``Doc.from_docs``: the joined text is the input itself, so every offset stays valid.
Articles of usual length are one piece and see no difference.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from api.extraction.model import get_nlp

CHUNK_CHARS = 10_000


def pieces(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters, each
    ending at a newline where one lies in its second half, else after ". ", else at a
    space. Joined, the pieces are ``text``."""
    out: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            half = start + size // 2
            for sep in ("\n", ". ", " "):
                cut = text.rfind(sep, half, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        out.append(text[start:end])
        start = end
    return out


def parse(text: str, check: Callable[[], None] | None = None) -> Doc:
    """The pipeline's ``Doc`` for ``text`` (already normalised). ``check`` is called
    between pieces (a time budget raises from it)."""
    nlp = get_nlp()
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    docs = []
    for doc in nlp.pipe(pieces(text)):
        docs.append(doc)
        if check is not None:
            check()
    return Doc.from_docs(docs, ensure_whitespace=False)
