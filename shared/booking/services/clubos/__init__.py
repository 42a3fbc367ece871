"""The ClubOS V3 bridge: one customer message in, one action through the booking services out.

``handle_action`` resolves the customer (e-mail, phone or HubSpot id), picks the location (the
one named in the message, else the one given by ClubOS, else the member's favourite, else the
only one), reads the message with :func:`booking.domain.language.parse_request` in that
location's time zone and then acts through the same services as the REST API: create (source
``clubos``), availability, modify, cancel and list.

It never guesses a booking: when the message is ambiguous, names no exact time, or the time is
taken or refused by the rules, the answer asks back (``needs_clarification``) and offers the
nearest options the member may book. Every reply repeats the resolved day and time in the
location's zone, so the customer sees what was understood.

Modules: ``actions`` (what comes in, what goes out), ``bridge`` (``handle_action``: resolve, parse,
dispatch), ``new_bookings`` (create, availability), ``existing`` (list, cancel, modify),
``turn`` (one action in progress and the pieces of every answer), ``places``, ``formatting``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from booking.services.clubos.actions import ActionResult, ClubOSAction, CustomerRef
from booking.services.clubos.formatting import fmt_clock
from booking.services.clubos.places import resolve_customer

if TYPE_CHECKING:
    from booking.services.clubos.bridge import handle_action


def __getattr__(name: str) -> Any:
    """``handle_action``, imported on first use (PEP 562).

    The bridge brings the language parser, most of the ClubOS function's own import time; the
    kiosk function needs only the customer and clock helpers above and never loads it.
    """
    if name == "handle_action":
        from booking.services.clubos.bridge import handle_action

        return handle_action
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ActionResult",
    "ClubOSAction",
    "CustomerRef",
    "fmt_clock",
    "handle_action",
    "resolve_customer",
]
