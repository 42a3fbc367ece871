"""Device health: a failed diagnostics run takes a bay out of service and moves its bookings.

An unhealthy report marks the bay ``unhealthy`` (availability stops offering it), writes a
``device.unhealthy`` event, and moves each upcoming confirmed booking on it to a free bay of the
same type at the same location through :func:`booking.services.bookings.modify_booking` (so the
usual checks apply and a ``booking.modified`` event tells the member and restarts the booking's
lifecycle). Bookings that cannot be moved are flagged for staff in their metadata
(``needs_staff``) and listed in the outcome. A healthy report puts an unhealthy bay back in
service; a bay staff put in ``maintenance`` is left alone either way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from booking.domain.actors import SYSTEM
from booking.domain.errors import BookingRejected, Conflict, NotFound
from booking.domain.models import Booking, BookingStatus, Resource, ResourceStatus
from booking.domain.serialization import resource_to_dict
from booking.services import bookings as booking_service
from booking.services.events import SCHEMA_VERSION
from booking.services.ports import UnitOfWork
from booking.services.waitlist_offers import bay_back_in_service

DEVICE_UNHEALTHY = "device.unhealthy"
MOVE_HORIZON = timedelta(days=31)
"""How far ahead bookings on an unhealthy bay are moved (beyond this, staff have time to act)."""

FAILED_ACTIVITY_STATUSES = frozenset({"FAILURE", "FAILED", "ERROR", "TIMEOUT", "CANCELLED"})
"""NinjaOne activity status codes read as a failed script (unconfirmed: the public API spec does
not enumerate them; kept configurable through :func:`diagnose`'s ``failed_statuses``)."""

UowFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class HealthReport:
    """The verdict on one bay's PC."""

    resource_id: UUID
    healthy: bool
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MovedBooking:
    """A booking moved off an unhealthy bay."""

    booking_id: UUID
    from_resource_id: UUID
    to_resource_id: UUID
    version: int


@dataclass(frozen=True)
class HealthOutcome:
    """What a report changed."""

    resource_id: UUID
    status: ResourceStatus
    changed: bool
    moved: tuple[MovedBooking, ...] = ()
    flagged: tuple[UUID, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (for task results and logs)."""
        return {
            "resource_id": str(self.resource_id),
            "status": self.status.value,
            "changed": self.changed,
            "moved": [
                {
                    "booking_id": str(m.booking_id),
                    "from": str(m.from_resource_id),
                    "to": str(m.to_resource_id),
                    "version": m.version,
                }
                for m in self.moved
            ],
            "flagged": [str(b) for b in self.flagged],
        }


def diagnose(
    resource_id: UUID,
    *,
    device: Mapping[str, Any] | None,
    activities: Sequence[Mapping[str, Any]] = (),
    failed_actions: Sequence[str] = (),
    failed_statuses: frozenset[str] = FAILED_ACTIVITY_STATUSES,
) -> HealthReport:
    """Read a PC's health from what NinjaOne says after the cleanup's diagnostics run.

    Unhealthy when the device is unknown or offline, when a cleanup action was refused, or when
    one of the device's recent activities reports a failed status.
    """
    if device is None:
        return HealthReport(resource_id, False, "DEVICE_UNKNOWN")
    if device.get("offline"):
        return HealthReport(resource_id, False, "DEVICE_OFFLINE", {"device": device.get("id")})
    if failed_actions:
        return HealthReport(
            resource_id, False, "ACTION_FAILED", {"failed_actions": list(failed_actions)}
        )
    for activity in activities:
        status = str(activity.get("statusCode") or activity.get("status") or "").upper()
        if status in failed_statuses:
            return HealthReport(
                resource_id,
                False,
                "DIAGNOSTICS_FAILED",
                {"activity_id": activity.get("id"), "status": status},
            )
    return HealthReport(resource_id, True, "OK")


def report_health(
    report: HealthReport,
    uow_factory: UowFactory,
    now: datetime,
    *,
    horizon: timedelta = MOVE_HORIZON,
) -> HealthOutcome:
    """Apply a health report to the bay and its upcoming bookings (see the module docstring)."""
    uow = uow_factory()
    with uow:
        resource = uow.resources.get(report.resource_id)
        if resource is None:
            raise NotFound(f"resource {report.resource_id} not found", code="RESOURCE_NOT_FOUND")
        status = resource.status
        changed = False
        if report.healthy:
            if status is ResourceStatus.UNHEALTHY:
                uow.resources.set_status(resource.id, ResourceStatus.ACTIVE)
                bay_back_in_service(uow, resource.id, now)
                status, changed = ResourceStatus.ACTIVE, True
            uow.commit()
            return HealthOutcome(resource.id, status, changed)
        if status is ResourceStatus.MAINTENANCE:
            uow.commit()
            return HealthOutcome(resource.id, status, False)
        if status is ResourceStatus.ACTIVE:
            updated = uow.resources.set_status(resource.id, ResourceStatus.UNHEALTHY)
            assert updated is not None
            _unhealthy_event(uow, updated, report)
            status, changed = ResourceStatus.UNHEALTHY, True
        upcoming = [
            b
            for b in uow.bookings.for_location(resource.location_id, now, now + horizon)
            if b.resource_id == resource.id and b.status is BookingStatus.CONFIRMED
        ]
        uow.commit()

    moved: list[MovedBooking] = []
    flagged: list[UUID] = []
    for booking in upcoming:
        result = _move(booking, resource, uow_factory, now)
        if result is not None:
            moved.append(result)
        else:
            _flag(booking, resource, report, uow_factory, now)
            flagged.append(booking.id)
    return HealthOutcome(resource.id, status, changed, tuple(moved), tuple(flagged))


def _unhealthy_event(uow: UnitOfWork, resource: Resource, report: HealthReport) -> None:
    event_id = uuid.uuid4()
    uow.outbox.add(
        event_id=event_id,
        aggregate_id=resource.id,
        detail_type=DEVICE_UNHEALTHY,
        detail={
            "event_id": str(event_id),
            "occurred_at": datetime.now(UTC).isoformat(),
            "version": SCHEMA_VERSION,
            "resource": resource_to_dict(resource),
            "reason": report.reason,
            "details": report.details,
        },
    )


def _candidates(uow: UnitOfWork, bay: Resource, booking: Booking) -> list[Resource]:
    """Free, bookable bays of the same type at the same location, in name order."""
    out = []
    for other in uow.resources.list(bay.location_id, bay.type):
        if other.id == bay.id or not other.bookable or other.capacity < booking.party_size:
            continue
        blocked_end = booking.end + timedelta(minutes=other.buffer_minutes)
        if not uow.bookings.overlapping(other.id, booking.start, blocked_end, exclude=booking.id):
            out.append(other)
    return out


def _move(
    booking: Booking, bay: Resource, uow_factory: UowFactory, now: datetime
) -> MovedBooking | None:
    uow = uow_factory()
    with uow:
        candidates = _candidates(uow, bay, booking)
    for target in candidates:
        cmd = booking_service.ModifyBooking(
            booking_id=booking.id, resource_id=target.id, expected_version=booking.version
        )
        try:
            updated = booking_service.modify_booking(cmd, uow_factory(), SYSTEM, now)
        except (BookingRejected, Conflict):
            # Taken meanwhile, refused by a rule, started, or changed by someone: next bay.
            continue
        return MovedBooking(booking.id, bay.id, target.id, updated.version)
    return None


def _flag(
    booking: Booking, bay: Resource, report: HealthReport, uow_factory: UowFactory, now: datetime
) -> None:
    uow = uow_factory()
    with uow:
        uow.lifecycle.flag_booking(
            booking.id,
            {
                "needs_staff": {
                    "reason": "BAY_UNHEALTHY",
                    "resource_id": str(bay.id),
                    "diagnosis": report.reason,
                    "flagged_at": now.isoformat(),
                }
            },
        )
        uow.commit()
