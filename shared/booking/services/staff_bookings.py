"""Staff use cases on bookings: search, the floor of a day, and a booking's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.adapters.postgres.repositories import BookingHit
from booking.domain.actors import Actor
from booking.domain.availability import day_bounds
from booking.domain.errors import InvalidRequest, NotFound
from booking.domain.models import BookingStatus
from booking.domain.pagination import (
    DEFAULT_LIMIT,
    Page,
    PageRequest,
    decode_cursor,
    fingerprint,
    page_of,
    parse_instant,
)
from booking.domain.serialization import booking_to_dict, iso, location_to_dict, resource_to_dict
from booking.services.catalog import blackout_to_dict
from booking.services.ports import UnitOfWork
from booking.services.staff_scope import require_location, require_staff, visible_locations


@dataclass(frozen=True)
class BookingSearch:
    """Find bookings by member (name, e-mail or phone fragment) and/or by time."""

    text: str | None = None
    location_id: UUID | None = None
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[BookingStatus, ...] = ()
    cursor: str | None = None
    limit: int | None = None


def hit_to_dict(hit: BookingHit) -> dict[str, Any]:
    """A booking with its member's and bay's names, as the dashboard shows it."""
    return {
        **booking_to_dict(hit.booking),
        "member": {
            "id": str(hit.booking.user_id),
            "name": hit.member_name,
            "email": hit.member_email,
            "phone": hit.member_phone,
        },
        "resource_name": hit.resource_name,
    }


def search_bookings(query: BookingSearch, uow: UnitOfWork, actor: Actor) -> Page[BookingHit]:
    """Bookings at the caller's locations matching the search, by start time, one page."""
    text = (query.text or "").strip() or None
    if text is not None and len(text) < 2:
        raise InvalidRequest("search for at least 2 characters", code="SEARCH_TOO_SHORT")
    if query.start and query.end and query.end <= query.start:
        raise InvalidRequest("'to' must be after 'from'", code="END_BEFORE_START")
    page = PageRequest(query.limit or DEFAULT_LIMIT, query.cursor)
    filters = fingerprint(
        text, query.location_id, query.start, query.end, [s.value for s in query.statuses]
    )
    after = None
    if page.cursor:
        raw = decode_cursor("staff.bookings", filters, page.cursor, 2)
        try:
            after = (parse_instant(raw[0]), UUID(raw[1]))
        except ValueError as exc:
            raise InvalidRequest(
                "the cursor is not one this list handed out for this query",
                code="INVALID_CURSOR",
            ) from exc
    with uow:
        locations = visible_locations(uow, actor, query.location_id)
        hits = uow.staff.search_bookings(
            location_ids=locations,
            text=text,
            start=query.start,
            end=query.end,
            statuses=[s.value for s in query.statuses] or None,
            after=after,
            limit=page.limit + 1,
        )
    return page_of(
        hits,
        page,
        kind="staff.bookings",
        query=filters,
        key=lambda h: (iso(h.booking.start), str(h.booking.id)),
    )


def floor(
    location_id: UUID, day: date | None, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """A location's local day: its bays (status, health) and every booking on them."""
    require_staff(actor)
    with uow:
        require_location(uow, actor, location_id)
        location = uow.locations.get(location_id)
        assert location is not None
        tz = ZoneInfo(location.time_zone)
        local_day = day or now.astimezone(tz).date()
        start, end = day_bounds(tz, local_day, local_day)
        bays = uow.resources.list(location_id)
        hits = uow.staff.bookings_on(location_id, start, end, now)
        blackouts = uow.blackouts.overlapping(location_id, start, end)
        waiting = uow.waitlist.on_day(location_id, start, end)
    return {
        "location": location_to_dict(location),
        "date": local_day.isoformat(),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "now": now.isoformat(),
        "bays": [
            {**resource_to_dict(b), "bookable": b.bookable, "health": b.metadata.get("health")}
            for b in bays
        ],
        "bookings": [hit_to_dict(h) for h in hits],
        "blackouts": [blackout_to_dict(b) for b in blackouts],
        "waitlist": [
            {
                "id": str(w.entry_id),
                "member": {"id": str(w.user_id), "name": w.name, "email": w.email},
                "resource_id": str(w.resource_id) if w.resource_id else None,
                "resource_type": w.resource_type,
                "start": w.window_start.isoformat(),
                "end": w.window_end.isoformat(),
                "minutes": w.minutes,
                "party_size": w.party_size,
                "status": w.status,
                "hold_resource_id": str(w.hold_resource_id) if w.hold_resource_id else None,
                "hold_expires_at": w.hold_expires_at.isoformat() if w.hold_expires_at else None,
            }
            for w in waiting
        ],
    }


# What each lifecycle mark means on the timeline, in the order the state machine runs them.
_ACCESS_STEPS = (
    ("granted_at", "door_granted", "Door access granted"),
    ("pc_setup_at", "pc_setup", "Simulator PC set up"),
    ("pc_cleaned_at", "pc_cleanup", "Simulator PC cleaned up"),
    ("revoked_at", "door_revoked", "Door access revoked"),
)

_EVENT_LABELS = {
    "booking.created": "Booked",
    "booking.modified": "Moved",
    "booking.cancelled": "Cancelled",
    "booking.checked_in": "Checked in",
    "booking.no_show": "Marked no-show",
    "booking.completed": "Completed",
}


def _event_details(detail_type: str, detail: dict[str, Any]) -> dict[str, Any]:
    booking = detail.get("booking") or {}
    out: dict[str, Any] = {"version": booking.get("version"), "status": booking.get("status")}
    if detail_type == "booking.modified":
        previous = detail.get("previous") or {}
        out.update(
            {
                "from": {k: previous.get(k) for k in ("start", "end", "resource_id")},
                "to": {k: booking.get(k) for k in ("start", "end", "resource_id")},
            }
        )
    for key in ("refunded_credits", "reason", "refund_override", "forfeited_credits"):
        if key in detail:
            out[key] = detail[key]
    return out


def timeline(booking_id: UUID, uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """The booking's life as recorded: its events, the lifecycle's door and PC steps, failed
    steps, and what staff did (who and why), in time order."""
    require_staff(actor)
    with uow:
        repo = uow.staff
        hit = repo.hit(booking_id)
        if hit is None or not actor.can_see_location(hit.booking.location_id):
            raise NotFound(f"booking {booking_id} not found", code="BOOKING_NOT_FOUND")
        events = repo.events_for(booking_id)
        access = repo.access_for(booking_id)
        alerts = repo.alerts_for(booking_id)
        actions = repo.actions_for_booking(booking_id)
    entries: list[dict[str, Any]] = []
    for e in events:
        entries.append(
            {
                "at": iso(e["created_at"]),
                "kind": e["detail_type"],
                "label": _EVENT_LABELS.get(e["detail_type"], e["detail_type"]),
                "source": "event",
                "actor": None,
                "details": {
                    **_event_details(e["detail_type"], e["detail"]),
                    "event_id": str(e["event_id"]),
                    "published": e["published_at"] is not None,
                },
            }
        )
    if access:
        for column, kind, label in _ACCESS_STEPS:
            if access.get(column):
                details: dict[str, Any] = {}
                if kind == "door_granted":
                    details = {"doors": list(access["door_ids"] or [])}
                elif kind == "pc_setup":
                    details = {"device_id": access["pc_device_id"]}
                entries.append(
                    {
                        "at": iso(access[column]),
                        "kind": kind,
                        "label": label,
                        "source": "lifecycle",
                        "actor": None,
                        "details": details,
                    }
                )
    for a in alerts:
        entries.append(
            {
                "at": iso(a["created_at"]),
                "kind": "lifecycle_failed",
                "label": f"Step failed: {a['state'] or 'unknown'}",
                "source": "lifecycle",
                "actor": None,
                "details": {
                    "error": a["error"],
                    "cause": a["cause"][:500],
                    "resolved": a["resolved_at"] is not None,
                },
            }
        )
    for s in actions:
        entries.append(
            {
                "at": iso(s.created_at),
                "kind": f"staff.{s.action}",
                "label": s.action.replace("_", " ").capitalize(),
                "source": "staff",
                "actor": s.actor,
                "details": {**s.details, "reason": s.reason},
            }
        )
    entries.sort(key=lambda x: datetime.fromisoformat(str(x["at"])))
    return {"booking": hit_to_dict(hit), "entries": entries}
