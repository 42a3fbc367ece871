"""Booking use cases: create, get, list, modify, cancel, check in, no-show, complete.

One module per part: :mod:`.common` (commands, the caller's channel, the facts and verdict a
booking is checked with, retries), :mod:`.create` (create, dry-run check), :mod:`.queries` (get,
list), :mod:`.changes` (modify, refund preview, cancel), :mod:`.attendance` (check in, no-show,
complete). Callers import from here.
"""

from booking.services.bookings.attendance import (
    PRESENCE_WITNESSES,
    Presence,
    check_in,
    complete_booking,
    mark_no_show,
)
from booking.services.bookings.changes import cancel_booking, modify_booking, refund_preview
from booking.services.bookings.common import (
    SOURCES,
    WALK_IN_LEAD,
    CreateBooking,
    IdempotencyStamp,
    ModifyBooking,
    retry_transient,
    source_for,
)
from booking.services.bookings.create import check_booking, create_booking
from booking.services.bookings.queries import get_booking, list_bookings

__all__ = [
    "PRESENCE_WITNESSES",
    "SOURCES",
    "WALK_IN_LEAD",
    "CreateBooking",
    "IdempotencyStamp",
    "ModifyBooking",
    "Presence",
    "cancel_booking",
    "check_booking",
    "check_in",
    "complete_booking",
    "create_booking",
    "get_booking",
    "list_bookings",
    "mark_no_show",
    "modify_booking",
    "refund_preview",
    "retry_transient",
    "source_for",
]
