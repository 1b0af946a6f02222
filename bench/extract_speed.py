"""Extraction speed: articles per second per core, next to a plain spaCy pass.

    python -m bench.extract_speed [--count 30] [--repeat 3]

On generated ~5,000-character articles (:mod:`bench.generate`) it times, in the same run
and on the same texts, (1) the spaCy pipeline alone exactly as the extractor loads it
(parser included) and (2) the whole extractor. Times are CPU seconds of this process, the
median of ``--repeat`` runs, so articles/s/core does not depend on what else the machine
does. The rules' overhead is (extractor − spaCy) / spaCy; the target is at most 30 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from bench.generate import articles

TARGET = 0.30


def _cpu(run: Callable[[], None], repeat: int, label: str) -> float:
    timings = []
    for attempt in range(repeat):
        started = time.process_time()
        run()
        timings.append(time.process_time() - started)
        print(f"  {label}: run {attempt + 1}/{repeat} {timings[-1]:.2f} s CPU", file=sys.stderr)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from api.extraction import extract
    from api.extraction.model import get_nlp

    texts = [r["body"] for r in articles(args.count)]
    nlp = get_nlp()
    extract(texts[0])  # warm-up: model loaded, caches filled
    mean = statistics.mean(len(t) for t in texts)
    spacy_s = _cpu(lambda: [nlp(t) for t in texts], args.repeat, "spaCy pipeline")
    full_s = _cpu(lambda: [extract(t) for t in texts], args.repeat, "extractor")
    overhead = (full_s - spacy_s) / spacy_s
    print(f"{args.count} articles of {mean:,.0f} characters; pipes: {', '.join(nlp.pipe_names)}")
    print(f"{'pass':<22} {'articles/s/core':>16} {'ms/article':>11}")
    for label, seconds in (("spaCy pipeline alone", spacy_s), ("extractor (all)", full_s)):
        print(f"{label:<22} {args.count / seconds:>16.2f} {1000 * seconds / args.count:>11.1f}")
    verdict = "ok" if overhead <= TARGET else f"over the {TARGET:.0%} target"
    print(f"rules on top of spaCy: {overhead:.0%} of spaCy's time ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
