"""Reading customer messages (from ClubOS) into structured booking requests.

Pure Python: no I/O. ``parse_request`` is the entry point; conventions for dates, clock
times and day parts are documented in :mod:`booking.domain.language.times`.
"""

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
from booking.domain.language.parser import parse_request

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
