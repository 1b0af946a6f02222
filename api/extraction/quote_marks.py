"""Quotation marks: where each quoted segment of an article starts and ends.

Marks: straight (") and curly (“ ”, „ «») in any mix, British single marks (‘ ’, and straight '
in its unambiguous form). A mark left open at the end of a paragraph is kept when the next
paragraph opens with a quote mark (a quote running over paragraphs), else skipped. Each
contiguous quoted segment is one :class:`Segment`; ``open`` and ``close`` are the offsets of
its two marks. A quote nested in another with the same marks (“A “B” C”) is part of the
outer one, unless the outer one is never closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.extraction.text import paragraphs

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT = '"'


@dataclass
class Segment:
    """A quoted segment: its marks at ``open`` and ``close``, in paragraph ``para``."""

    open: int
    close: int
    para: tuple[int, int]
    unclosed: bool = False  # runs to the paragraph end; continued in the next paragraph


def _single_close(text: str, i: int, pe: int) -> int:
    """How surely the ’ at ``i`` closes a single-quoted segment: 0 = it is an apostrophe
    (``don’t``), 1 = ambiguous (``the workers’ union``), 2 = a closing mark."""
    nxt = text[i + 1] if i + 1 < pe else ""
    if nxt.isalnum():
        return 0
    prev = text[i - 1] if i > 0 else ""
    if prev in ",.!?…;:—–-" or not nxt.strip() and i + 1 >= pe or nxt in ",.;:!?)—–":
        return 2
    return 1 if prev in "sSzZ" else 2


def _single_segments(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """British-style ‘…’ quotes of one paragraph. ``‘`` opens after a space, dash, bracket or
    the paragraph start; the closing ``’`` is told from apostrophes by what follows it (a
    letter: apostrophe) and, for ``s’`` + space (plural possessive or close), by whether a
    surer closing mark follows before the next opening one."""
    out: list[tuple[int, int]] = []
    i = ps
    while i < pe:
        if text[i] == "\u2018" and (i == ps or text[i - 1] in " \t([—–-\u201c\"") \
                and i + 1 < pe and not text[i + 1].isspace():
            best = None
            for j in range(i + 1, min(pe, i + 3000)):  # a quote is never longer
                if text[j] == "\u2018" and text[j - 1].isspace():
                    break
                if text[j] == "\u2019":
                    sure = _single_close(text, j, pe)
                    if sure == 2:
                        best = j
                        break
                    if sure == 1 and best is None:
                        best = j
            if best is None:
                i += 1
                continue
            out.append((i, best))
            i = best + 1
            continue
        i += 1
    return out


# straight single marks, only in paragraphs without other quote marks and only in their
# unambiguous form: opening before a capital letter, closing right after , . ! ? or …
_STRAIGHT_SINGLE_RE = re.compile(r"(?:^|(?<=[\s(\[—–]))'(?=[A-Z])"
                                 r"(?:[^'\n]|'(?=[a-z])|(?<=s)'(?=\s[a-z])){0,1500}?[,.!?…]'(?!\w)")


# markup left in a text (``<tweet author="x">``): its attribute values are no quotes
_ATTRIBUTE_RE = re.compile(r'(?<=\w)="[^"\n<>]*"')


def find_segments(text: str) -> list[Segment]:
    """Pair quote marks paragraph by paragraph.

    A mark left open at the end of a paragraph is kept (up to the paragraph end) only when
    the next paragraph opens with a quote mark: the news convention for a quote running over
    several paragraphs. Otherwise it is skipped. British-style single marks (‘…’) are
    quotes too, except when nested inside a double-quoted segment; straight single marks
    only in paragraphs without other marks (see ``_STRAIGHT_SINGLE_RE``). The values of
    markup attributes (``author="x"``) are no quotes."""
    segs: list[Segment] = []
    paras = paragraphs(text)
    for k, (ps, pe) in enumerate(paras):
        open_pos: int | None = None
        outer: int | None = None  # an opening mark with a quote nested inside it
        nested: list[Segment] = []  # quotes inside ``outer``: kept only if it is dropped
        found = False
        markup = {i for m in _ATTRIBUTE_RE.finditer(text, ps, pe) for i in (m.start() + 1,
                                                                           m.end() - 1)}
        for i in range(ps, pe):
            c = text[i]
            if i in markup:
                continue
            if c in OPEN_MARKS:
                if open_pos is not None and outer is None and text[open_pos] in OPEN_MARKS:
                    outer = open_pos  # “A “B” C”: B is nested in the quote A…C
                open_pos = i
            elif c in CLOSE_MARKS or c == STRAIGHT and open_pos is not None:
                if open_pos is not None:
                    if outer is not None:
                        nested.append(Segment(open_pos, i, (ps, pe)))
                        open_pos, outer = outer, None
                        continue
                    segs.append(Segment(open_pos, i, (ps, pe)))
                    nested.clear()
                    found = True
                    open_pos = None
                elif (i == ps or text[i - 1].isspace()) and i + 1 < pe and text[i + 1].isalnum():
                    open_pos = i  # a closing mark used as an opening one
            elif c == STRAIGHT:
                open_pos = i
        if outer is not None:  # the nested quote never closed: the outer one is still open
            open_pos = outer
        if open_pos is not None and k + 1 < len(paras):
            nps = paras[k + 1][0]
            if text[nps] in OPEN_MARKS + STRAIGHT and not text[ps:nps].count("\n") > 3:
                end = pe
                while end > open_pos + 1 and text[end - 1].isspace():
                    end -= 1
                segs.append(Segment(open_pos, end, (ps, pe), unclosed=True))
                nested.clear()
                found = True
        if nested:  # the outer quote was left open: its nested quotes stand on their own
            segs.extend(nested)
            found = True
        if "\u2018" in text[ps:pe]:
            double = [(x.open, x.close) for x in segs if x.para == (ps, pe)] if found else []
            segs.extend(Segment(a, b, (ps, pe)) for a, b in _single_segments(text, ps, pe)
                        if not any(da < b and a < db for da, db in double))
        elif not found and "'" in text[ps:pe] and "''" not in text[ps:pe]:
            # (a paragraph quoting with doubled apostrophes, ''…'', holds its nested quotes
            # in single marks: those are no quotes of their own)
            segs.extend(Segment(ps + m.start(), ps + m.end() - 1, (ps, pe))
                        for m in _STRAIGHT_SINGLE_RE.finditer(text[ps:pe]))
    segs.sort(key=lambda x: x.open)
    return [s for s in segs if text[s.open + 1:s.close].strip()]
