"""Bounds on the free-form ``metadata`` a booking carries.

Metadata is the caller's notes (channel, thread id, ...), stored with the booking and returned
with it; it is not part of the events (they would outgrow EventBridge's 256 KB entry limit).
"""

from __future__ import annotations

import json
from typing import Any

from booking.domain.errors import InvalidRequest

MAX_METADATA_BYTES = 4096
"""Largest metadata accepted, as compact UTF-8 JSON."""

MAX_METADATA_DEPTH = 5
"""Deepest nesting of objects and arrays inside metadata (the top-level object is 1)."""


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_metadata(metadata: dict[str, Any]) -> None:
    """Refuse metadata over ``MAX_METADATA_BYTES`` or nested over ``MAX_METADATA_DEPTH``."""
    depth = _depth(metadata)
    if depth > MAX_METADATA_DEPTH:
        raise InvalidRequest(
            f"metadata may nest at most {MAX_METADATA_DEPTH} levels",
            code="METADATA_TOO_DEEP",
            details={"depth": depth, "max_depth": MAX_METADATA_DEPTH},
        )
    size = len(json.dumps(metadata, separators=(",", ":"), default=str).encode())
    if size > MAX_METADATA_BYTES:
        raise InvalidRequest(
            f"metadata may take at most {MAX_METADATA_BYTES} bytes as JSON",
            code="METADATA_TOO_LARGE",
            details={"bytes": size, "max_bytes": MAX_METADATA_BYTES},
        )
