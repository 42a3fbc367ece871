"""Reading customer messages (from ClubOS) into structured booking requests.

Pure Python: no I/O. ``parse_request`` is the entry point; conventions for dates, clock
times and day parts are documented in :mod:`booking.domain.language.times`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from booking.domain.language.model import (
    BayRef,
    BookingRef,
    Clarification,
    ClarificationCode,
    Intent,
    LocationRef,
    ParsedRequest,
)
from booking.domain.language.normalize import normalize

if TYPE_CHECKING:
    from booking.domain.language.parser import parse_request


def __getattr__(name: str) -> Any:
    """``parse_request``, imported on first use (PEP 562): the parser and its vocabulary are
    needed to read a message, not by the functions that only use the value types above (the
    kiosk's customer lookup)."""
    if name == "parse_request":
        from booking.domain.language.parser import parse_request

        return parse_request
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BayRef",
    "BookingRef",
    "Clarification",
    "ClarificationCode",
    "Intent",
    "LocationRef",
    "ParsedRequest",
    "normalize",
    "parse_request",
]
