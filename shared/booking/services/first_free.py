"""Booking the first bay of a list that is still free (walk-ins at the kiosk, ClubOS requests)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from booking.domain.actors import Actor
from booking.domain.errors import SlotTaken
from booking.domain.models import Booking, Resource
from booking.services.bookings import CreateBooking, create_booking
from booking.services.ports import UnitOfWork


def book_first_free(
    bays: Sequence[Resource],
    command: Callable[[Resource], CreateBooking],
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
) -> tuple[Booking, Resource] | None:
    """Book ``command(bay)`` on the first of ``bays`` that takes it; None when all are taken.

    A bay someone took a moment ago (``SlotTaken``, settled by PostgreSQL) passes to the next;
    any other refusal (the rules, credits) is the member's and is raised as it is.
    """
    for bay in bays:
        try:
            return create_booking(command(bay), uow, actor, now), bay
        except SlotTaken:
            continue
    return None
