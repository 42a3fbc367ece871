"""The schedule of a booking's timeline (pure): the instant of each step, and the execution
input carrying them as ISO timestamps for the state machine's ``Wait`` states.

A :class:`Clock` can compress the timeline for tests and demos (``time_scale`` 1/60 turns an
hour into a minute, ``offset`` shifts it); production uses the real instants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from booking.domain.models import Booking
from booking.domain.settings import LocationSettings

STEPS: tuple[str, ...] = ("grant", "setup", "no_show", "cleanup", "revoke")
"""The timed steps in the order the state machine runs them."""
# -- the schedule (pure) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """Maps business instants to the instants the state machine waits for.

    With ``time_scale`` 1 and no ``offset`` the mapping is the identity (production). Otherwise
    ``real = anchor + (instant - anchor) * time_scale + offset``, never before ``anchor`` (the
    moment the execution starts): a step already due runs at once.
    """

    time_scale: float = 1.0
    offset: timedelta = timedelta(0)
    anchor: datetime | None = None

    def __post_init__(self) -> None:
        if not 0 < self.time_scale <= 1:
            raise ValueError("time_scale must be in (0, 1]")
        if self.compressed and self.anchor is None:
            raise ValueError("a compressed clock needs an anchor (the execution's start)")

    @property
    def compressed(self) -> bool:
        """Whether steps run at other instants than the business ones."""
        return self.time_scale != 1 or self.offset != timedelta(0)

    def real(self, instant: datetime) -> datetime:
        """The instant the state machine should wait for to run the step due at ``instant``."""
        if not self.compressed:
            return instant
        assert self.anchor is not None
        shifted = self.anchor + (instant - self.anchor) * self.time_scale + self.offset
        return max(shifted, self.anchor)


@dataclass(frozen=True)
class Schedule:
    """The business instants of a booking's timeline (UTC-aware)."""

    grant_at: datetime
    setup_at: datetime
    no_show_at: datetime
    cleanup_at: datetime
    revoke_at: datetime

    def instants(self) -> dict[str, datetime]:
        """Step name -> instant, in the state machine's order."""
        return {
            "grant": self.grant_at,
            "setup": self.setup_at,
            "no_show": self.no_show_at,
            "cleanup": self.cleanup_at,
            "revoke": self.revoke_at,
        }


def schedule_for(start: datetime, end: datetime, settings: LocationSettings) -> Schedule:
    """The timeline of a booking from ``start`` to ``end`` under a location's settings.

    Doors open ``access_before_minutes`` before the start and close ``access_after_minutes``
    after the end; the PC is set up ``pc_setup_before_minutes`` before the start and cleaned up
    ``pc_cleanup_after_minutes`` after the end; the no-show check runs ``no_show_grace_minutes``
    after the start. The state machine runs the steps in that fixed order, so each instant is
    lifted to at least the previous one (e.g. a setup lead longer than the door lead runs the
    setup right after the grant, and a grace longer than the booking checks before cleanup).
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be timezone-aware")
    if end <= start:
        raise ValueError("end must be after start")
    minutes = timedelta(minutes=1)
    raw = [
        start - settings.access_before_minutes * minutes,
        start - settings.pc_setup_before_minutes * minutes,
        start + settings.no_show_grace_minutes * minutes,
        end + settings.pc_cleanup_after_minutes * minutes,
        end + settings.access_after_minutes * minutes,
    ]
    ordered: list[datetime] = []
    for instant in raw:
        ordered.append(max(instant, ordered[-1]) if ordered else instant)
    return Schedule(*(i.astimezone(UTC) for i in ordered))


def access_window(
    start: datetime, end: datetime, settings: LocationSettings
) -> tuple[datetime, datetime]:
    """When the booking's doors open and close."""
    return (
        start - timedelta(minutes=settings.access_before_minutes),
        end + timedelta(minutes=settings.access_after_minutes),
    )


def execution_name(booking_id: UUID | str, version: int) -> str:
    """The execution's name: unique per booking version, so a repeated start is harmless."""
    return f"{booking_id}-v{version}"


def execution_input(booking: Booking, settings: LocationSettings, clock: Clock) -> dict[str, Any]:
    """The state machine's input: ids, the schedule's keys and the instants to wait for.

    ``<step>_at`` are the (possibly compressed) instants the ``Wait`` states use; ``logical``
    holds the business instants, which the tasks use as "now" when the clock is compressed (a
    no-show is only due ``grace`` after the start, however fast the demo runs).
    """
    schedule = schedule_for(booking.start, booking.end, settings)
    payload: dict[str, Any] = {
        "booking_id": str(booking.id),
        "version": booking.version,
        "resource_id": str(booking.resource_id),
        "start": booking.start.astimezone(UTC).isoformat(),
        "end": booking.end.astimezone(UTC).isoformat(),
        "compressed": clock.compressed,
        "logical": {f"{k}_at": v.isoformat() for k, v in schedule.instants().items()},
    }
    for key, instant in schedule.instants().items():
        payload[f"{key}_at"] = _iso_z(clock.real(instant))
    return payload


def _iso_z(moment: datetime) -> str:
    # Step Functions' TimestampPath wants RFC 3339 with an explicit zone; UTC "Z" is the safe form.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
