"""Deterministic generator of news-style articles (about 5,000 characters each) for benchmarks.

    python -m bench.generate --count 200 --output bench/.out/articles.ndjson
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

FIRST = ["Maria", "James", "Aiko", "Rahul", "Sofia", "Olu", "Lena", "Carlos", "Mei", "Tomas",
         "Amira", "Pierre", "Ingrid", "Kwame", "Elena", "Hiroshi", "Zoë", "José", "Priya", "Noah"]
LAST = ["Alvarez", "Chen", "Okafor", "Schmidt", "Tanaka", "Rossi", "Novak", "Haddad", "Singh",
        "Kowalski", "Martínez", "Dubois", "Larsen", "Mensah", "Petrova", "Sato", "Müller", "Brown"]
ORGS = ["Ministry of Finance", "Bank of Central Europe", "Northwind Energy", "Harbor University",
        "Institute for Fiscal Studies", "Global Shipping Corp", "National Health Service",
        "Atlas Motors", "the European Commission", "Meridian Capital"]
ROLES = ["chief economist", "spokesperson", "minister", "professor", "chief executive",
         "senior analyst", "director"]
TOPICS = ["the budget", "the merger", "energy prices", "the rail project", "interest rates",
          "the trade deal", "the new plant", "wage talks"]
VERBS = ["said", "noted", "told reporters", "added", "warned", "argued"]
MONEY = ["${n} billion", "€{n} million", "£{n}bn", "US${n}m", "{n} billion yen", "Rs {n} crore"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _paragraph(rng: random.Random, people: list[str]) -> str:
    speaker, org = rng.choice(people), rng.choice(ORGS)
    money = rng.choice(MONEY).format(n=rng.randint(2, 900))
    pct = rng.randint(1, 60)
    topic = rng.choice(TOPICS)
    sentences = [
        f"{speaker}, {rng.choice(ROLES)} at {org}, has followed {topic} for years.",
        f"“We expect {topic} to change the outlook for the region,” {rng.choice(VERBS)} "
        f"{speaker.split()[-1]}. “It will not be quick, and it will not be cheap.”",
        f"The plan is worth {money}, and officials expect costs to rise {pct}% next year.",
        f"Critics called it an “expensive gamble”, while {rng.choice(people)} said the "
        f"numbers were sound.",
        f"According to {org}, about {pct + 3} per cent of the funds are already committed.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences)


def article(index: int, size: int = 5000) -> dict:
    """The `index`-th generated article (same index, same article)."""
    rng = random.Random(index)
    people = [_person(rng) for _ in range(4)]
    org = rng.choice(ORGS)
    title = f"{org[0].upper()}{org[1:]} weighs {rng.choice(TOPICS)} ({index})"
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        paragraphs.append(_paragraph(rng, people))
    body = title + "\n\n" + "\n\n".join(paragraphs)
    return {
        "title": title,
        "body": body[: size + 600],
        "url": f"https://bench.example/{index}",
        "source": "Bench Wire",
        "published_at": f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}T12:00:00Z",
    }


def articles(count: int, start: int = 0, size: int = 5000) -> Iterator[dict]:
    for index in range(start, start + count):
        yield article(index, size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        for i, record in enumerate(articles(args.count), start=1):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if i % 50 == 0 or i == args.count:
                print(f"\rgenerated {i}/{args.count}", end="", file=sys.stderr)
    print(file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
