"""Where known names occur in a text, found in one pass whatever the number of names.

Searching the text once per name (a regular expression each) costs names × text length, and
the number of names grows with the text: extraction time then grows with its square. Here
the text is cut once into runs of word characters and hyphens; a name can only start where a
run starts and end where a run ends (or one punctuation character later, as in "U.S." or
"Inc."), so each run start is tried against the few possible ends and looked up in a set.
The cost is the number of runs times the largest number of runs in a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_RUN = re.compile(r"[\w\-]+")


def _runs_in(form: str) -> int:
    return len(_RUN.findall(form))


def find_occurrences(text: str, forms: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of each form as a whole name: not preceded or followed by a word
    character or a hyphen (``(?<![\\w-])FORM(?![\\w-])``). Spans per form in text order."""
    wanted = {f for f in forms if f and _RUN.match(f)}
    out: dict[str, list[tuple[int, int]]] = {}
    if not wanted:
        return out
    depth = max(_runs_in(f) for f in wanted)
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    n = len(text)
    for i, (start, _) in enumerate(runs):
        for j in range(i, min(i + depth, len(runs))):
            end = runs[j][1]
            if j > i and runs[j][0] - runs[j - 1][1] > 3:
                break  # names never hold more than a few separators in a row
            for stop in (end, end + 1):
                if stop > n or (stop == end + 1 and text[end].isspace()):
                    continue
                if stop < n and (text[stop].isalnum() or text[stop] in "_-"):
                    continue
                seg = text[start:stop]
                if seg in wanted:
                    out.setdefault(seg, []).append((start, stop))
    return out
