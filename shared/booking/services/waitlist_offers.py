"""Offering freed slots to the waitlist, and lapsing holds: what every transaction that frees a
slot calls (cancel, no-show, move, a bay back in service, a hold lapsing or declined).

See ``booking.services.waitlist`` for how holds stay correct under races and crashes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories import WaitlistEntry
from booking.domain.models import Booking, ResourceStatus
from booking.services import events
from booking.services.ports import UnitOfWork
from booking.services.retry import retry_transient

SWEEP_BATCH = 100
BAY_BACK_HORIZON = timedelta(days=400)
"""How far ahead a bay back in service is offered to the waitlist (the booking horizon)."""


def offer_freed(
    uow: UnitOfWork, *, resource_id: UUID, start: datetime, end: datetime, now: datetime
) -> list[Booking]:
    """Hold what [start, end) on the bay freed for the first in line whose window fits, and so
    on down the queue while room is left; inside the caller's transaction. The holds made."""
    if end <= now:
        return []
    resource = uow.resources.get(resource_id)
    if resource is None or resource.status is not ResourceStatus.ACTIVE:
        return []
    earliest = max(start, _next_minute(now))
    waiting = uow.waitlist.waiting_for(
        location_id=resource.location_id,
        resource_id=resource.id,
        resource_type=resource.type,
        span_start=start,
        span_end=end,
        now=earliest,
    )
    if not waiting:
        return []
    location = uow.locations.get(resource.location_id)
    assert location is not None  # foreign key
    expires = now + timedelta(minutes=location.settings.waitlist_hold_minutes)
    made: list[Booking] = []
    for entry in waiting:
        hold_start = max(entry.window_start, earliest)
        hold_end = hold_start + timedelta(minutes=entry.minutes)
        if any(h.start < hold_end and h.end > hold_start for h in made):
            continue  # a hold just made here has that time: the constraint would refuse it
        hold = uow.waitlist.add_hold(
            user_id=entry.user_id,
            resource_id=resource.id,
            start=hold_start,
            end=hold_end,
            party_size=entry.party_size,
            expires_at=expires,
            entry_id=entry.id,
        )
        if hold is None:
            continue  # overlaps a booking or an earlier entry's hold: the next may still fit
        uow.waitlist.offered(entry.id, hold.id)
        events.booking_event(uow, events.WAITLIST_OFFERED, hold, extra=_offer_extra(entry, hold))
        made.append(hold)
    return made


def _next_minute(t: datetime) -> datetime:
    whole = t.replace(second=0, microsecond=0)
    return whole if whole == t else whole + timedelta(minutes=1)


def _offer_extra(entry: WaitlistEntry, hold: Booking) -> dict[str, Any]:
    return {
        "waitlist_entry_id": str(entry.id),
        "hold_expires_at": hold.hold_expires_at.isoformat() if hold.hold_expires_at else None,
    }


def _lapsed(uow: UnitOfWork, hold: Booking, *, entry_status: str, now: datetime) -> None:
    """Close the entry a hold was offered on and pass the slot to the next in line."""
    entry = uow.waitlist.by_hold(hold.id)
    if entry is not None and entry.status == "offered":
        uow.waitlist.settle(entry.id, entry_status)
    events.booking_event(uow, events.WAITLIST_LAPSED, hold, extra={"reason": entry_status})
    offer_freed(uow, resource_id=hold.resource_id, start=hold.start, end=hold.end, now=now)


@retry_transient
def lapse_expired_holds(
    uow: UnitOfWork,
    now: datetime,
    *,
    resource_id: UUID | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> int:
    """Lapse expired holds (on one bay and span when given) and offer each slot to the next in
    line, in one transaction; how many lapsed."""
    with uow:
        lapsed = uow.waitlist.lapse_expired(
            now, resource_id=resource_id, start=start, end=end, limit=SWEEP_BATCH
        )
        for hold in lapsed:
            _lapsed(uow, hold, entry_status="lapsed", now=now)
        uow.commit()
    return len(lapsed)


def sweep_expired_holds(uow: UnitOfWork, now: datetime) -> int:
    """The housekeeping sweep: lapse every expired hold, a batch at a time."""
    total = 0
    while True:
        n = lapse_expired_holds(uow, now)
        total += n
        if n < SWEEP_BATCH:
            return total


def bay_back_in_service(uow: UnitOfWork, resource_id: UUID, now: datetime) -> list[Booking]:
    """A bay returned to service: offer its time to the waitlist (in the caller's transaction)."""
    return offer_freed(uow, resource_id=resource_id, start=now, end=now + BAY_BACK_HORIZON, now=now)
