"""Sorted character spans with overlap and containment queries in logarithmic time.

The entity steps ask "does this span overlap a span already taken?" for every candidate
name; with a plain list that question costs a pass over all spans and makes extraction time
grow with the square of the text length. :class:`SpanSet` keeps the spans sorted by start and
remembers the longest one, so a query only looks at spans that start within that distance.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator


class SpanSet:
    """A multiset of half-open ``(start, end)`` spans."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def add(self, start: int, end: int) -> None:
        """Insert one span."""
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Every stored span that shares at least one character with ``[start, end)``."""
        lo = bisect.bisect_left(self._spans, (start - self._longest, start - self._longest))
        hi = bisect.bisect_left(self._spans, (end, end))
        return [(s, e) for s, e in self._spans[lo:hi] if s < end and start < e]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any stored span shares a character with ``[start, end)``."""
        lo = bisect.bisect_left(self._spans, (start - self._longest, start - self._longest))
        hi = bisect.bisect_left(self._spans, (end, end))
        return any(s < end and start < e for s, e in self._spans[lo:hi])

    def containing(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a stored span."""
        return self.overlaps(pos, pos + 1)


class Ranges:
    """Disjoint sorted ranges (paragraphs, headings): which one holds a position."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self._starts = [s for s, _ in self.ranges]

    def find(self, pos: int) -> tuple[int, int] | None:
        """The range holding ``pos``, or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1]:
            return self.ranges[i]
        return None

    def __contains__(self, pos: int) -> bool:
        return self.find(pos) is not None
