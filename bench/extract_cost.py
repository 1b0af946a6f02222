"""Extraction cost against text length: milliseconds of CPU per 1,000 characters.

    python -m bench.extract_cost [--sizes 5000,50000,200000] [--repeat 3]

Two kinds of text, each at every size: news-style articles joined end to end
(:mod:`bench.generate`), and a text made only of distinct capitalised names ("Kelmar Tosun
met Ravi Oduya in the office."), which makes every name a new entity: the case where name
matching that compares each name with all others grows with the square of the length.

The cost is CPU time of this process (``time.process_time``), the median of ``--repeat``
runs, so other work on the machine does not move it much. The figure that matters is the
ratio of the largest size's cost per 1,000 characters to the smallest's: linear extraction
keeps it near 1 (the check fails above 1.5, and the command exits 1).
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time

from bench.generate import articles

LIMIT = 1.5


def names_text(size: int, seed: int = 7) -> str:
    """``size`` characters of sentences naming people never named before."""
    rng = random.Random(seed)

    def word() -> str:
        return rng.choice(string.ascii_uppercase) + "".join(
            rng.choice("aeioulnrstkm") for _ in range(rng.randint(4, 8)))

    parts: list[str] = []
    length = 0
    while length < size:
        sentence = f"{word()} {word()} met {word()} {word()} in the office. "
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)[:size - 1].rstrip() + "."


def news_text(size: int) -> str:
    """``size`` characters of generated news paragraphs (several articles in a row)."""
    parts: list[str] = []
    length = 0
    for record in articles(1 + size // 4000):
        parts.append(record["body"])
        length += len(record["body"]) + 1
        if length >= size:
            break
    return "\n".join(parts)[:size].rsplit(" ", 1)[0] + "."


def cpu_ms(text: str, repeat: int) -> float:
    """Median CPU milliseconds of one extraction of ``text``."""
    from api.extraction import extract

    timings = []
    for _ in range(repeat):
        started = time.process_time()
        extract(text)
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5000,50000,200000",
                        help="comma-separated text lengths in characters")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    from api.extraction import extract

    extract("Warm-up: Jane Doe said the fund grew 5%.")
    failed = False
    print(f"{'text':<8} {'characters':>10} {'ms (CPU)':>10} {'ms / 1,000 chars':>17}")
    for kind, make in (("names", names_text), ("news", news_text)):
        per_k: list[float] = []
        for size in sizes:
            text = make(size)
            print(f"  {kind} {len(text)} characters ...", file=sys.stderr, flush=True)
            ms = cpu_ms(text, args.repeat if size <= 50_000 else max(1, args.repeat - 1))
            per_k.append(ms / (len(text) / 1000))
            print(f"{kind:<8} {len(text):>10,} {ms:>10.0f} {per_k[-1]:>17.2f}", flush=True)
        ratio = per_k[-1] / per_k[0]
        verdict = "ok" if ratio < LIMIT else f"FAIL (limit {LIMIT})"
        print(f"{kind:<8} ratio {sizes[-1]:,} / {sizes[0]:,} characters: {ratio:.2f} {verdict}")
        failed = failed or ratio >= LIMIT
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
