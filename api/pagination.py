"""Keyset (cursor) pagination: opaque cursors, the list envelope and the `Link` header.

A cursor encodes the sort name and the sort key of the last row of a page; the next page's
query continues strictly after that key using an index, so the cost of page N does not grow
with N. A cursor from another sort order is rejected.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from flask import request

from api.errors import ApiError

Converter = Callable[[Any], Any]


def list_sort(args: dict, default: str) -> str:
    """Pop the `sort` of a list's query args: `relevance` is the default when `q` is given,
    and needs `q` (400 naming `sort` otherwise)."""
    sort = args.pop("sort") or ("relevance" if args.get("q") else default)
    if sort == "relevance" and not args.get("q"):
        raise ApiError(400, "Invalid value for 'sort': 'relevance' needs the 'q' parameter.",
                       errors={"sort": ["'relevance' needs 'q'."]})
    return sort


def encode_cursor(sort: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort, "k": [str(v) if v is not None else None for v in key]})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _invalid() -> ApiError:
    return ApiError(
        400,
        "Invalid value for 'cursor': use the next_cursor of a previous page unchanged.",
        errors={"cursor": ["Invalid cursor."]},
    )


def decode_cursor(cursor: str | None, sort: str, converters: Sequence[Converter]) -> list | None:
    """Return the decoded sort key, or None for the first page; 400 on a bad cursor."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if payload.get("s") != sort:
            raise ApiError(
                400,
                "Invalid value for 'cursor': it belongs to another sort order.",
                errors={"cursor": ["Cursor does not match the sort parameter."]},
            )
        key = payload["k"]
        if not isinstance(key, list) or len(key) != len(converters):
            raise ValueError
        return [None if v is None else conv(v) for conv, v in zip(converters, key, strict=True)]
    except ApiError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, binascii.Error,
            UnicodeError):
        raise _invalid() from None


def page(
    rows: list[dict], limit: int, sort: str, key: Callable[[dict], Sequence[Any]]
) -> tuple[dict, int, dict[str, str]]:
    """Build the list envelope from `limit + 1` fetched rows, with a `Link` header."""
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(sort, key(rows[-1])) if has_more and rows else None
    headers: dict[str, str] = {}
    if next_cursor:
        args = request.args.to_dict(flat=False)
        args["cursor"] = [next_cursor]
        url = f"{request.base_url}?{urlencode(args, doseq=True)}"
        headers["Link"] = f'<{url}>; rel="next"'
    return {"data": rows, "next_cursor": next_cursor, "has_more": has_more}, 200, headers
