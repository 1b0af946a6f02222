"""Keyset helpers shared by the people and organization lists (same sorts, same shapes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def sort_key(sort: str, row: dict) -> tuple[Any, ...]:
    """The keyset of a row for `sort` (`name`, `-created_at`, `relevance`, `articles`)."""
    if sort == "relevance":
        return (row["score"], row["id"])
    if sort == "name":
        return (row["name"], row["id"])
    if sort == "articles":
        return (row["articles"], row["type"], row["id"])
    if sort == "-published_at":
        return (row["sort_at"], row["id"])
    if sort == "id":
        return (row["id"],)
    return (row["created_at"], row["id"])


def parse_key(sort: str) -> tuple:
    """Converters that turn a decoded cursor back into typed values for `sort`."""
    return {
        "relevance": (float, int),
        "name": (str, int),
        "articles": (int, str, int),
        "-published_at": (datetime.fromisoformat, int),
        "id": (int,),
    }.get(sort, (datetime.fromisoformat, int))
