"""The demo data set: the sample article with its gold metadata, shipped in devset/."""

from __future__ import annotations

import json
from pathlib import Path

from psycopg import Connection

from api.config import PROJECT_ROOT
from api.data import articles
from api.ingest import store_article

DEMO_GOLD = PROJECT_ROOT / "devset" / "russia-north-korea.gold.json"


def _spans(pairs: list) -> list[dict]:
    return [{"start": s, "end": e} for s, e in pairs]


def gold_to_request(gold: dict, text: str) -> tuple[dict, dict]:
    """Turn a gold file (see devset/) into an article and its metadata as the API takes them."""
    lines = text.split("\n", 1)
    meta = gold.get("article") or {}
    article = {
        "url": meta.get("url"),
        "title": meta.get("title") or lines[0].strip(),
        "body": text,
        "language": meta.get("language") or "en",
        "published_at": meta.get("published_at"),
        "source": meta.get("source"),
        "authors": meta.get("authors") or [],
    }
    figures = gold.get("financial_figures") or []
    texts = [f.get("text") for f in figures]
    metadata = {
        "people": [
            {"name": p["name"], "aliases": p.get("aliases", []),
             "description": p.get("description"), "mentions": _spans(p.get("mentions", []))}
            for p in gold.get("people", [])
        ],
        "organizations": [
            {"name": o["name"], "aliases": o.get("aliases", []), "kind": o.get("kind", "other"),
             "parent": o.get("parent"), "mentions": _spans(o.get("mentions", []))}
            for o in gold.get("organizations", [])
        ],
        "affiliations": gold.get("affiliations", []),
        "quotes": [
            {"speaker": q["speaker"], "text": text[s:e], "verb": q.get("verb"), "start": s,
             "end": e}
            for q in gold.get("quotes", []) for s, e in q["spans"]
        ],
        "financial_figures": [
            {"kind": f["kind"], "value": f["value"], "currency": f.get("currency"),
             "text": f.get("text"), "measures": f.get("measures"),
             "start": f["span"][0], "end": f["span"][1],
             "related_index": texts.index(f["share_of"]) if f.get("share_of") in texts else None}
            for f in figures
        ],
    }
    return article, metadata


def load_demo(conn: Connection, path: Path = DEMO_GOLD) -> int | None:
    """Store the demo article unless it is already there; return its id if stored."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["source_file"]).read_text(encoding="utf-8")
    article, metadata = gold_to_request(gold, text)
    if articles.find_existing(conn, article["url"], text) is not None:
        return None
    return store_article(conn, article, metadata)
