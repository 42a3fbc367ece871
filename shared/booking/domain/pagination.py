"""Cursor pagination: an opaque token holding the sort key of the last item a page returned.

Lists are read with keyset pagination (``WHERE (key, id) > (last_key, last_id)``), so a page
costs the same however deep it is and rows inserted meanwhile neither repeat nor vanish.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from booking.domain.errors import InvalidRequest

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def bad_cursor() -> InvalidRequest:
    """The error for a cursor this API did not issue."""
    return InvalidRequest("the cursor is not one this API issued", code="INVALID_CURSOR")


def encode_cursor(key: Sequence[Any]) -> str:
    """An opaque, URL-safe token for a sort key (strings, numbers, None)."""
    raw = json.dumps(list(key), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, arity: int) -> list[Any] | None:
    """The sort key in ``token`` (None for the first page); ``InvalidRequest`` if malformed."""
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise bad_cursor() from exc
    if not isinstance(key, list) or len(key) != arity:
        raise bad_cursor()
    return key


def clamp_limit(limit: int | None) -> int:
    """A page size between 1 and ``MAX_LIMIT`` (``DEFAULT_LIMIT`` when not given)."""
    if limit is None:
        return DEFAULT_LIMIT
    return max(1, min(MAX_LIMIT, limit))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the cursor of the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None
