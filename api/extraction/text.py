"""Text helpers: length-preserving normalisation, paragraphs, headings, name keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

from api.extraction.errors import ExtractionError

MAX_TEXT_CHARS = 200_000

_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"
_APOSTROPHES = "\u2018\u2019\u02bc\u2032\u00b4\u0060"
_TRANSLATION = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "'" for c in _APOSTROPHES}, "\u200b": " ", "\ufeff": " ",
     "\r": " "}
)
_ALLOWED_CONTROL = {"\n", "\r", "\t"}


def normalize(text: str) -> str:
    """Replace exotic spaces (and the CR of CRLF line ends) with ' ' and curly apostrophes
    with "'" — always 1:1.

    The result has exactly the same length as the input, so every offset found in it is an
    offset into the original text.
    """
    return text.translate(_TRANSLATION)


def validate(text: object) -> str:
    """Check that ``text`` is usable article text; raise :class:`ExtractionError` if not.

    Rejected: non-str, empty or whitespace-only text, text containing NUL, text where more
    than 10% of the characters are non-printable control characters (binary data), and text
    longer than :data:`MAX_TEXT_CHARS`.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise ExtractionError("text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ExtractionError(
            f"text is too long: {len(text)} characters (maximum {MAX_TEXT_CHARS})"
        )
    if "\x00" in text:
        raise ExtractionError("text contains NUL characters; binary data is not article text")
    bad = sum(
        1
        for c in text
        if (unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in _ALLOWED_CONTROL)
        or c == "\ufffd"
    )
    if bad > 0.1 * len(text):
        raise ExtractionError("text is mostly non-printable characters; is it binary data?")
    return text


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive comparison key for a name."""
    s = unidecode(normalize(name)).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text`` (news paragraphs are lines)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def is_heading(line: str) -> bool:
    """A short line without final punctuation: a title, sub-heading or page furniture."""
    s = line.strip()
    if not s:
        return False
    if s[-1] in ".?!:;”\"’)»…":
        return False
    return len(s.split()) <= 16
