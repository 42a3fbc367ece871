"""Door-system visitors no booking stands behind: duplicates and leftovers.

Each booking's visitor carries the remark ``booking <id>`` (``tasks.visitor_marker``). The grant
looks for it before creating one, but a POST still in flight when the grant was retried can
leave a second visitor; a cancelled booking's compensation then deletes every visitor with its
marker, and a daily sweep deletes the rest.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any
from uuid import UUID

from booking.domain.models import ACTIVE_STATUSES, User
from booking.services.lifecycle.tasks import (
    VISITOR_MARKER,
    LifecycleDeps,
    names_for_door_system,
    visitor_marker,
)
from booking.services.ports import NotFound

ORPHAN_GRACE = timedelta(minutes=15)


def delete_marked_duplicates(
    deps: LifecycleDeps, booking_id: UUID, user: User, *, keep: str | None
) -> list[str]:
    """Delete the visitors marked for the booking other than ``keep``; their ids."""
    unifi = deps.unifi()
    marker = visitor_marker(booking_id)
    deleted = []
    for visitor in unifi.list_visitors(keyword=names_for_door_system(user)[0]):
        if visitor.remarks == marker and visitor.id != keep:
            with contextlib.suppress(NotFound):
                unifi.delete_visitor(visitor.id)
            deleted.append(visitor.id)
    return deleted


def sweep_orphan_visitors(deps: LifecycleDeps) -> dict[str, Any]:
    """Delete the console's booking visitors that no booking stands behind any more.

    A visitor marked for a booking is an orphan when the booking is gone, or no longer active
    (cancelled, completed, no-show) and not the visitor its access record still holds open,
    or when the booking's recorded visitor is another one (a duplicate). A visitor whose
    booking is active but has no recorded grant yet is left alone for ``ORPHAN_GRACE`` after
    the booking's last change: its grant may be under way right now.
    """
    unifi = deps.unifi()
    now = deps.now()
    deleted: list[str] = []
    kept = 0
    for visitor in unifi.list_visitors():
        if not visitor.remarks.startswith(VISITOR_MARKER):
            continue  # not one of ours
        try:
            booking_id = UUID(visitor.remarks[len(VISITOR_MARKER) :].strip())
        except ValueError:
            continue
        uow = deps.uow()
        with uow:
            booking = uow.bookings.get(booking_id)
            access = uow.lifecycle.get(booking_id)
        recorded = access.visitor_id if access is not None and access.access_open else None
        if booking is None:
            orphan = True
        elif booking.status not in ACTIVE_STATUSES or recorded is not None:
            orphan = recorded != visitor.id
        else:
            orphan = now - booking.updated_at > ORPHAN_GRACE
        if not orphan:
            kept += 1
            continue
        with contextlib.suppress(NotFound):
            unifi.delete_visitor(visitor.id)
        deleted.append(visitor.id)
    return {"task": "sweep_visitors", "deleted": deleted, "kept": kept}
