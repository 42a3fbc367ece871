"""Cursor pagination: a limit, a stable order, and an opaque cursor naming the last item seen.

A cursor is URL-safe base64 of a small JSON object: which list it belongs to, a fingerprint of
the query's filters, and the sort key of the last item returned. Keyset paging (``WHERE key >
last``) keeps pages stable while rows are added or removed, unlike offsets. A cursor from
another list or another query, or one that does not decode, is refused with ``INVALID_CURSOR``.
Cursors are opaque to clients, not secret: a forged one only moves within what the caller may
see anyway, because scoping is applied by the query, never by the cursor.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from booking.domain.errors import InvalidRequest

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_MAX_CURSOR_CHARS = 1000

T = TypeVar("T")
Key = tuple[Any, ...]


@dataclass(frozen=True)
class PageRequest:
    """What page the caller wants: at most ``limit`` items after ``cursor`` (first page: None)."""

    limit: int = DEFAULT_LIMIT
    cursor: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidRequest(
                f"limit must be between 1 and {MAX_LIMIT}",
                code="INVALID_LIMIT",
                details={"max": MAX_LIMIT},
            )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the cursor of the next one (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None


def fingerprint(*parts: Any) -> str:
    """A short digest of a query's filters, so a cursor only continues the query it came from."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()[:12]


def encode_cursor(kind: str, query: str, key: Sequence[Any]) -> str:
    """The opaque cursor after the item whose sort key is ``key``."""
    raw = json.dumps({"k": kind, "q": query, "a": [str(x) for x in key]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(kind: str, query: str, cursor: str, arity: int) -> list[str]:
    """The sort key a cursor names (as strings); raises ``InvalidRequest`` (``INVALID_CURSOR``)."""
    invalid = InvalidRequest(
        "the cursor is not one this list handed out for this query; start from the first page",
        code="INVALID_CURSOR",
    )
    if not cursor or len(cursor) > _MAX_CURSOR_CHARS or not cursor.isascii():
        raise invalid
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise invalid from None
    if not isinstance(data, dict) or data.get("k") != kind or data.get("q") != query:
        raise invalid
    after = data.get("a")
    if (
        not isinstance(after, list)
        or len(after) != arity
        or not all(isinstance(x, str) and len(x) <= 200 for x in after)
    ):
        raise invalid
    return after


def parse_instant(text: str) -> datetime:
    """An aware instant from a cursor (``ValueError`` for anything else)."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("naive instant")
    return value


def paginate(
    items: Sequence[T],
    page: PageRequest,
    *,
    kind: str,
    query: str,
    key: Callable[[T], Key],
    parse: Callable[[list[str]], Key],
    arity: int,
) -> Page[T]:
    """Page through ``items`` already in ``key`` order (small lists read whole).

    ``parse`` turns a cursor's strings back into a comparable key; it raises ``ValueError`` for
    values that do not parse, which is reported as an invalid cursor.
    """
    start = 0
    if page.cursor is not None:
        raw = decode_cursor(kind, query, page.cursor, arity)
        try:
            after = parse(raw)
        except (ValueError, TypeError):
            raise InvalidRequest(
                "the cursor is not one this list handed out for this query",
                code="INVALID_CURSOR",
            ) from None
        start = next((i for i, item in enumerate(items) if key(item) > after), len(items))
    window = list(items[start : start + page.limit + 1])
    return page_of(window, page, kind=kind, query=query, key=key)


def page_of(
    fetched: list[T], page: PageRequest, *, kind: str, query: str, key: Callable[[T], Key]
) -> Page[T]:
    """A page from up to ``limit + 1`` items fetched in order (the extra one says "more")."""
    items = fetched[: page.limit]
    more = len(fetched) > page.limit
    return Page(items, encode_cursor(kind, query, key(items[-1])) if more and items else None)
