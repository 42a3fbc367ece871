"""A booking's timeline on Step Functions: door access, PC setup, no-show check, cleanup, revoke.

Three parts:

* **the schedule** (pure): the instants of each step from the booking and its location's
  settings, and the execution input carrying them as ISO timestamps for the state machine's
  ``Wait`` states (``TimestampPath``). A :class:`Clock` can compress the timeline for tests and
  demos (``time_scale`` 1/60 turns an hour into a minute, ``offset`` shifts it); production
  uses the real instants (scale 1, offset 0).
* **the tasks**, run by the lifecycle function one state at a time (``event["task"]``). Each
  re-reads the booking and returns ``{"skipped": true, "reason": ...}`` when it was cancelled or
  superseded by a newer version of its schedule, so a stale execution does nothing. Failures of
  the door or PC systems raise the adapters' typed errors; the state machine retries them by
  class name and sends what still fails to its alert path (:func:`record_alert`).
* **the starter**, consuming ``booking.created`` / ``modified`` / ``cancelled``: starts one
  execution per booking version (named ``<booking id>-v<version>``, so a re-delivered event
  starts nothing twice), stops the superseded one, and on a cancellation compensates: revokes
  door access and cleans up the PC if it was already set up.

Status changes bump a booking's version (a check-in does too), so "superseded" means the
schedule changed: another start, end or bay than the execution was started with, or a newer
version registered by the starter.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from booking.adapters.http import AuthError, NotFound, RequestRejected
from booking.adapters.ninjaone import NinjaOneClient, ScriptRef
from booking.adapters.postgres.lifecycle_repo import AccessRecord, LifecycleRepository
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.adapters.stepfunctions import StepFunctions
from booking.adapters.unifi import UnifiAccessClient
from booking.domain.actors import SYSTEM
from booking.domain.errors import Conflict, InvalidTransition
from booking.domain.models import ACTIVE_STATUSES, Booking, BookingStatus, Location, Resource, User
from booking.domain.settings import LocationSettings
from booking.services import bookings as booking_service
from booking.services import device_health
from booking.services.events import BOOKING_CANCELLED, BOOKING_CREATED, BOOKING_MODIFIED

logger = logging.getLogger(__name__)

STEPS: tuple[str, ...] = ("grant", "setup", "no_show", "cleanup", "revoke")
"""The timed steps in the order the state machine runs them."""

SETUP_ACTIONS: tuple[str, ...] = ("power.on", "launch.software", "load.profile")
CLEANUP_ACTIONS: tuple[str, ...] = ("save.data", "reset.defaults", "diagnostics")


class NotDueYet(Exception):
    """A step ran before its instant (clock skew); the state machine retries it a little later."""


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


# -- dependencies -----------------------------------------------------------------------------


@dataclass
class LifecycleDeps:
    """What the tasks and the starter talk to; clients are built on first use."""

    uow: Callable[[], PostgresUnitOfWork]
    unifi: Callable[[], UnifiAccessClient]
    ninja: Callable[[], NinjaOneClient]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class TaskInput:
    """The part of a task's event that names the booking and the schedule it runs for."""

    booking_id: UUID
    version: int
    resource_id: UUID | None = None
    start: datetime | None = None
    end: datetime | None = None
    logical_at: datetime | None = None
    compressed: bool = False

    @classmethod
    def parse(cls, event: Mapping[str, Any]) -> TaskInput:
        """Read the task event the state machine sends (see the ASL's ``Parameters``)."""

        def instant(key: str) -> datetime | None:
            value = event.get(key)
            return datetime.fromisoformat(str(value)) if value else None

        return cls(
            booking_id=UUID(str(event["booking_id"])),
            version=int(event["version"]),
            resource_id=UUID(str(event["resource_id"])) if event.get("resource_id") else None,
            start=instant("start"),
            end=instant("end"),
            logical_at=instant("logical_at"),
            compressed=bool(event.get("compressed", False)),
        )

    def now(self, real_now: datetime) -> datetime:
        """The task's "now": the real one, or the step's business instant on a compressed clock."""
        if self.compressed and self.logical_at is not None:
            return max(real_now, self.logical_at)
        return real_now


@dataclass(frozen=True)
class _Facts:
    booking: Booking
    resource: Resource
    user: User
    location: Location
    access: AccessRecord | None


def _skipped(task: str, reason: str, **extra: Any) -> dict[str, Any]:
    return {"task": task, "skipped": True, "reason": reason, **extra}


def _superseded(booking: Booking, inp: TaskInput, access: AccessRecord | None) -> bool:
    if inp.start is not None and booking.start != inp.start:
        return True
    if inp.end is not None and booking.end != inp.end:
        return True
    if inp.resource_id is not None and booking.resource_id != inp.resource_id:
        return True
    return bool(
        access is not None
        and access.execution_version is not None
        and access.execution_version > inp.version
    )


def _load(uow: PostgresUnitOfWork, inp: TaskInput) -> _Facts | str:
    """The booking and its facts, or the reason the step must not run."""
    booking = uow.bookings.get(inp.booking_id)
    if booking is None:
        return "BOOKING_NOT_FOUND"
    access = LifecycleRepository(uow.connection).get(booking.id)
    if booking.status is BookingStatus.CANCELLED:
        return "CANCELLED"
    if _superseded(booking, inp, access):
        return "SUPERSEDED"
    resource = uow.resources.get(booking.resource_id)
    user = uow.users.get(booking.user_id)
    location = uow.locations.get(booking.location_id)
    assert resource is not None and user is not None and location is not None  # foreign keys
    return _Facts(booking, resource, user, location, access)


def _read(deps: LifecycleDeps, inp: TaskInput) -> _Facts | str:
    uow = deps.uow()
    with uow:
        return _load(uow, inp)


# -- tasks ------------------------------------------------------------------------------------


def _names(user: User) -> tuple[str, str]:
    """First and last name for the door system (both must be non-empty there)."""
    parts = user.name.split(maxsplit=1)
    first = parts[0] if parts else user.email.split("@", 1)[0] or "Member"
    last = parts[1] if len(parts) > 1 else "Member"
    return first, last


VISITOR_MARKER = "booking "
ORPHAN_GRACE = timedelta(minutes=15)


def visitor_marker(booking_id: UUID | str) -> str:
    """The remark that ties a UniFi visitor to its booking."""
    return f"{VISITOR_MARKER}{booking_id}"


def sweep_orphan_visitors(deps: LifecycleDeps) -> dict[str, Any]:
    """Delete the console's booking visitors that no booking stands behind any more.

    A visitor marked for a booking is an orphan when the booking is gone or no longer active
    (cancelled, completed, no-show) and its access was revoked or never recorded, or when the
    booking's recorded visitor is another one (a duplicate made by a retried POST). A visitor
    whose booking is active but has no recorded grant yet is left alone for ``ORPHAN_GRACE``
    after the booking's last change: its grant may be under way right now.
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
            access = LifecycleRepository(uow.connection).get(booking_id)
        recorded = access.visitor_id if access is not None and access.access_open else None
        if booking is None or booking.status not in ACTIVE_STATUSES:
            orphan = recorded != visitor.id or booking is None
        elif recorded is not None:
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


def grant_access(inp: TaskInput, deps: LifecycleDeps) -> dict[str, Any]:
    """Create (or move) the booking's UniFi visitor: its bay's doors, for the access window."""
    facts = _read(deps, inp)
    if isinstance(facts, str):
        return _skipped("grant_access", facts)
    booking, resource = facts.booking, facts.resource
    if booking.status not in ACTIVE_STATUSES:
        return _skipped("grant_access", f"STATUS_{booking.status.value.upper()}")
    doors = resource.unifi_door_ids
    if not doors:
        return {"task": "grant_access", "granted": False, "reason": "NO_DOORS"}
    opens, closes = access_window(booking.start, booking.end, facts.location.settings)
    unifi = deps.unifi()
    visitor_id: str | None = None
    if facts.access is not None and facts.access.access_open:
        assert facts.access.visitor_id is not None
        try:
            unifi.update_visitor(facts.access.visitor_id, start=opens, end=closes, door_ids=doors)
            visitor_id = facts.access.visitor_id
        except NotFound:
            visitor_id = None  # deleted on the console meanwhile: make a new one
    if visitor_id is None:
        first, last = _names(facts.user)
        marker = visitor_marker(booking.id)
        # A POST answered after our timeout may have created the visitor: find it by its
        # marker before creating one, so the retry of this task never makes a second one.
        existing = next(
            (v for v in unifi.list_visitors(keyword=first) if v.remarks == marker), None
        )
        if existing is not None:
            unifi.update_visitor(existing.id, start=opens, end=closes, door_ids=doors)
            visitor_id = existing.id
        else:
            visitor = unifi.create_visitor(
                first_name=first,
                last_name=last,
                start=opens,
                end=closes,
                door_ids=doors,
                remarks=marker,
            )
            visitor_id = visitor.id
    now = deps.now()
    uow = deps.uow()
    with uow:
        LifecycleRepository(uow.connection).record_grant(
            booking.id,
            visitor_id=visitor_id,
            door_ids=doors,
            window_start=opens,
            window_end=closes,
            at=now,
        )
        current = uow.bookings.get(booking.id)
        uow.commit()
    if current is not None and current.status is BookingStatus.CANCELLED:
        # Cancelled while the visitor was being made: the starter's compensation may have run
        # before this visitor existed, so take it back here.
        revoke_access(inp, deps, force=True)
        return _skipped("grant_access", "CANCELLED")
    return {
        "task": "grant_access",
        "granted": True,
        "visitor_id": visitor_id,
        "door_ids": list(doors),
        "window": [opens.isoformat(), closes.isoformat()],
    }


def _run_action(
    ninja: NinjaOneClient,
    location: Location,
    device_id: str,
    action: str,
    parameters: str | None = None,
) -> None:
    """Run a named PC action, preferring the location's own script mapping."""
    entry = location.settings.ninjaone_scripts.get(action)
    if entry is not None:
        ninja.run_script(device_id, ScriptRef.parse(entry), parameters)
    else:
        ninja.run_action(str(location.id), device_id, action, parameters)


def profile_parameters(user: User) -> str:
    """The member's simulator preferences as the ``load.profile`` script's parameter string.

    The script receives compact JSON (handedness, units, tees... whatever the member saved);
    its contract with the PC image is the club's (unconfirmed), hence plain JSON.
    """
    preferences = user.preferences.get("simulator", user.preferences)
    return json.dumps(
        {"member": str(user.id), "name": user.name, "preferences": preferences},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )


def pc_setup(inp: TaskInput, deps: LifecycleDeps) -> dict[str, Any]:
    """Power the bay's PC on, start the simulator software and load the member's profile."""
    facts = _read(deps, inp)
    if isinstance(facts, str):
        return _skipped("pc_setup", facts)
    if facts.booking.status not in ACTIVE_STATUSES:
        return _skipped("pc_setup", f"STATUS_{facts.booking.status.value.upper()}")
    device = facts.resource.ninjaone_device_id
    if not device:
        return {"task": "pc_setup", "done": [], "reason": "NO_DEVICE"}
    ninja = deps.ninja()
    for action in SETUP_ACTIONS:
        params = profile_parameters(facts.user) if action == "load.profile" else None
        _run_action(ninja, facts.location, device, action, params)
    uow = deps.uow()
    with uow:
        LifecycleRepository(uow.connection).record_setup(facts.booking.id, device, deps.now())
        uow.commit()
    return {"task": "pc_setup", "done": list(SETUP_ACTIONS), "device_id": device}


def no_show_check(inp: TaskInput, deps: LifecycleDeps) -> dict[str, Any]:
    """Mark the booking ``no_show`` when nobody checked in by the end of the grace period."""
    facts = _read(deps, inp)
    if isinstance(facts, str):
        return _skipped("no_show_check", facts)
    status = facts.booking.status
    if status is BookingStatus.CONFIRMED:
        now = inp.now(deps.now())
        try:
            booking_service.mark_no_show(facts.booking.id, deps.uow(), SYSTEM, now)
        except InvalidTransition:
            status = _status_now(deps, facts.booking.id)  # checked in meanwhile
        except Conflict as exc:
            if exc.code == "NO_SHOW_NOT_DUE":
                raise NotDueYet(exc.message) from exc
            raise
        else:
            return {"task": "no_show_check", "outcome": "no_show"}
    return {"task": "no_show_check", "outcome": status.value}


def _status_now(deps: LifecycleDeps, booking_id: UUID) -> BookingStatus:
    uow = deps.uow()
    with uow:
        booking = uow.bookings.get(booking_id)
    assert booking is not None
    return booking.status


def _cleanup_pc(facts: _Facts, deps: LifecycleDeps) -> dict[str, Any]:
    """Save, reset and diagnose the PC; the verdict goes to device health."""
    device = facts.resource.ninjaone_device_id
    if not device:
        return {"done": [], "reason": "NO_DEVICE"}
    ninja = deps.ninja()
    started = deps.now()
    done: list[str] = []
    failed: list[str] = []
    for action in CLEANUP_ACTIONS:
        try:
            _run_action(ninja, facts.location, device, action)
            done.append(action)
        except (RequestRejected, NotFound, AuthError, LookupError) as exc:
            # Refused for this device (offline, unknown, not configured): a health finding, not
            # something a retry fixes. 5xx, timeouts and rate limits still raise and are retried.
            logger.warning("PC action %s failed on %s: %s", action, device, exc)
            failed.append(action)
    try:
        info: dict[str, Any] | None = ninja.get_device(device)
        activities = ninja.device_activities(device, page_size=20)
    except NotFound:
        info, activities = None, []
    since = started.timestamp() - 1
    recent = [a for a in activities if float(a.get("activityTime") or 0) >= since]
    report = device_health.diagnose(
        facts.resource.id, device=info, activities=recent, failed_actions=failed
    )
    outcome = device_health.report_health(report, deps.uow, deps.now())
    uow = deps.uow()
    with uow:
        LifecycleRepository(uow.connection).record_cleanup(facts.booking.id, deps.now())
        uow.commit()
    return {
        "done": done,
        "failed": failed,
        "healthy": report.healthy,
        "diagnosis": report.reason,
        "health": outcome.as_dict(),
    }


def pc_cleanup(inp: TaskInput, deps: LifecycleDeps) -> dict[str, Any]:
    """Save the session, reset the PC to defaults and run diagnostics (fed to device health)."""
    facts = _read(deps, inp)
    if isinstance(facts, str):
        return _skipped("pc_cleanup", facts)
    return {"task": "pc_cleanup", **_cleanup_pc(facts, deps)}


def _delete_visitor(deps: LifecycleDeps, booking_id: UUID, visitor_id: str) -> None:
    with contextlib.suppress(NotFound):  # already gone: the goal is reached
        deps.unifi().delete_visitor(visitor_id)
    uow = deps.uow()
    with uow:
        LifecycleRepository(uow.connection).record_revoke(booking_id, deps.now())
        uow.commit()


def revoke_access(inp: TaskInput, deps: LifecycleDeps, *, force: bool = False) -> dict[str, Any]:
    """Delete the booking's visitor from the door system and close a checked-in booking.

    ``force`` revokes even for a cancelled or superseded booking (compensation).
    """
    uow = deps.uow()
    with uow:
        loaded = _load(uow, inp)
        access = LifecycleRepository(uow.connection).get(inp.booking_id)
    if isinstance(loaded, str) and not force and loaded != "CANCELLED":
        return _skipped("revoke_access", loaded)
    result: dict[str, Any] = {"task": "revoke_access", "revoked": False}
    if access is not None and access.access_open:
        assert access.visitor_id is not None
        _delete_visitor(deps, inp.booking_id, access.visitor_id)
        result.update(revoked=True, visitor_id=access.visitor_id)
    else:
        result["reason"] = "NOTHING_TO_REVOKE"
    if isinstance(loaded, _Facts) and loaded.booking.status is BookingStatus.CHECKED_IN:
        booking_service.complete_booking(inp.booking_id, deps.uow(), SYSTEM, deps.now())
        result["completed"] = True
    return result


def record_alert(event: Mapping[str, Any], deps: LifecycleDeps) -> dict[str, Any]:
    """The state machine's alert path: store the failed step for staff and log it."""
    error = event.get("error") or {}
    booking_id = event.get("booking_id")
    version = event.get("version")
    uow = deps.uow()
    with uow:
        alert_id = LifecycleRepository(uow.connection).add_alert(
            booking_id=UUID(str(booking_id)) if booking_id else None,
            version=int(version) if version is not None else None,
            state=str(event.get("failed_state") or ""),
            error=str(error.get("Error") or ""),
            cause=str(error.get("Cause") or ""),
        )
        uow.commit()
    logger.error(
        "lifecycle step failed: booking %s v%s state %s: %s",
        booking_id,
        version,
        event.get("failed_state"),
        error.get("Error"),
    )
    return {"task": "alert", "alert_id": alert_id}


TASKS: dict[str, Callable[[TaskInput, LifecycleDeps], dict[str, Any]]] = {
    "grant_access": grant_access,
    "pc_setup": pc_setup,
    "no_show_check": no_show_check,
    "pc_cleanup": pc_cleanup,
    "revoke_access": revoke_access,
}


def run_task(event: Mapping[str, Any], deps: LifecycleDeps) -> dict[str, Any]:
    """Run the task named by ``event["task"]`` (the lifecycle function's entry point)."""
    task = event.get("task")
    if task == "alert":
        return record_alert(event, deps)
    if task not in TASKS:
        raise ValueError(f"unknown lifecycle task {task!r}")
    return TASKS[str(task)](TaskInput.parse(event), deps)


# -- starter ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StarterConfig:
    """The starter's clock options (``LIFECYCLE_TIME_SCALE``, ``LIFECYCLE_OFFSET_SECONDS``)."""

    time_scale: float = 1.0
    offset_seconds: float = 0.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> StarterConfig:
        """Read the options (defaults: real time)."""
        return cls(
            time_scale=float(env.get("LIFECYCLE_TIME_SCALE") or 1.0),
            offset_seconds=float(env.get("LIFECYCLE_OFFSET_SECONDS") or 0.0),
        )

    def clock(self, now: datetime) -> Clock:
        """The clock for an execution starting at ``now``."""
        return Clock(self.time_scale, timedelta(seconds=self.offset_seconds), anchor=now)


def _booking_ref(detail: Mapping[str, Any], key: str = "booking") -> tuple[UUID, int] | None:
    data = detail.get(key)
    if not isinstance(data, Mapping) or "id" not in data or "version" not in data:
        return None
    return UUID(str(data["id"])), int(data["version"])


def _stop_previous(
    sfn: StepFunctions,
    access: AccessRecord | None,
    booking_id: UUID,
    versions: list[int],
    below: int,
) -> list[str]:
    """Stop the executions named after ``versions`` and the one on record if it is for a
    version below ``below`` (a re-delivered event must not stop its own new execution)."""
    arns = {sfn.execution_arn(execution_name(booking_id, v)) for v in versions if 0 < v < below}
    if (
        access is not None
        and access.execution_arn
        and access.execution_version is not None
        and access.execution_version < below
    ):
        arns.add(access.execution_arn)
    return [arn for arn in sorted(arns) if sfn.stop(arn, f"booking {booking_id} changed")]


def _start(
    booking_id: UUID,
    deps: LifecycleDeps,
    sfn: StepFunctions,
    config: StarterConfig,
) -> dict[str, Any]:
    now = deps.now()
    uow = deps.uow()
    with uow:
        booking = uow.bookings.get(booking_id)
        if booking is None:
            return {"action": "ignored", "reason": "BOOKING_NOT_FOUND"}
        if booking.status not in ACTIVE_STATUSES:
            return {"action": "ignored", "reason": f"STATUS_{booking.status.value.upper()}"}
        location = uow.locations.get(booking.location_id)
        assert location is not None
        name = execution_name(booking.id, booking.version)
        if not LifecycleRepository(uow.connection).claim_execution(
            booking.id, booking.version, sfn.execution_arn(name)
        ):
            return {"action": "ignored", "reason": "NEWER_VERSION_RUNNING"}
        payload = execution_input(booking, location.settings, config.clock(now))
        uow.commit()
    arn, started = sfn.start(name, payload)
    return {"action": "started" if started else "already_started", "execution_arn": arn}


def compensate(booking_id: UUID, deps: LifecycleDeps) -> dict[str, Any]:
    """Undo what a cancelled booking's lifecycle did: revoke access, clean up a prepared PC."""
    uow = deps.uow()
    with uow:
        booking = uow.bookings.get(booking_id)
        access = LifecycleRepository(uow.connection).get(booking_id)
        resource = uow.resources.get(booking.resource_id) if booking else None
        user = uow.users.get(booking.user_id) if booking else None
        location = uow.locations.get(booking.location_id) if booking else None
    out: dict[str, Any] = {"revoked": False, "cleaned_up": False}
    if access is None or booking is None:
        return out
    if access.access_open:
        assert access.visitor_id is not None
        _delete_visitor(deps, booking_id, access.visitor_id)
        out["revoked"] = True
    if out["revoked"] and user is not None and access.visitor_id is not None:
        # A visitor POST still in flight when the grant was retried can have left a second
        # visitor with this booking's marker: a cancelled booking keeps none.
        marker = visitor_marker(booking_id)
        unifi = deps.unifi()
        for extra in unifi.list_visitors(keyword=_names(user)[0]):
            if extra.remarks == marker and extra.id != access.visitor_id:
                with contextlib.suppress(NotFound):
                    unifi.delete_visitor(extra.id)
                out.setdefault("duplicates_deleted", []).append(extra.id)
    if access.pc_needs_cleanup and resource and user and location:
        facts = _Facts(booking, resource, user, location, access)
        out["cleanup"] = _cleanup_pc(facts, deps)
        out["cleaned_up"] = True
    return out


def handle_booking_event(
    event: Mapping[str, Any],
    deps: LifecycleDeps,
    sfn: StepFunctions,
    config: StarterConfig | None = None,
) -> dict[str, Any]:
    """React to one EventBridge booking event (created, modified or cancelled)."""
    config = config or StarterConfig()
    detail_type = event.get("detail-type") or event.get("detail_type")
    detail = event.get("detail") or {}
    ref = _booking_ref(detail)
    if ref is None:
        return {"action": "ignored", "reason": "NO_BOOKING_IN_EVENT"}
    booking_id, version = ref
    if detail_type == BOOKING_CREATED:
        return _start(booking_id, deps, sfn, config)

    uow = deps.uow()
    with uow:
        access = LifecycleRepository(uow.connection).get(booking_id)
    if access is not None and access.execution_version and access.execution_version > version:
        return {"action": "ignored", "reason": "STALE_EVENT"}
    if detail_type == BOOKING_MODIFIED:
        previous = _booking_ref(detail, "previous")
        versions = [previous[1]] if previous else [version - 1]
        stopped = _stop_previous(sfn, access, booking_id, versions, version)
        result = _start(booking_id, deps, sfn, config)
        return {**result, "stopped": stopped}
    if detail_type == BOOKING_CANCELLED:
        stopped = _stop_previous(sfn, access, booking_id, [version - 1], version)
        return {"action": "cancelled", "stopped": stopped, **compensate(booking_id, deps)}
    return {"action": "ignored", "reason": f"UNHANDLED_{detail_type}"}


# -- runtime wiring ---------------------------------------------------------------------------


def default_deps() -> LifecycleDeps:
    """Dependencies from the environment (``DATABASE_URL``/secret, ``UNIFI_*``, ``NINJAONE_*``).

    Nothing connects here: the database opens on the first query and each SaaS client is built
    the first time a task needs it, then reused while the execution environment stays warm.
    Events the tasks write (``booking.no_show``, ``booking.completed``, moves of device health)
    are put on ``EVENT_BUS_NAME`` right after their commit, as the API does; what fails there
    stays in the outbox for the sweeper.
    """
    import functools
    import os
    from collections.abc import Sequence

    from booking.adapters.eventbridge import EventBridgePublisher
    from booking.adapters.postgres.connection import Database
    from booking.config import database_url, settings

    @functools.cache
    def database() -> Database:
        return Database(database_url(), application_name="booking-lifecycle")

    @functools.cache
    def publisher() -> EventBridgePublisher | None:
        if not os.environ.get("EVENT_BUS_NAME"):
            return None
        return EventBridgePublisher(settings().event_bus_name, settings().event_source)

    def publish(event_ids: Sequence[UUID]) -> None:
        from booking.services.publishing import publish_events

        bus = publisher()
        if bus is None:
            return
        report = publish_events(event_ids, database(), bus)
        if report.failed:
            logger.warning("left %d event(s) for the outbox sweeper", len(report.failed))

    return LifecycleDeps(
        uow=lambda: PostgresUnitOfWork(database(), after_commit=[publish]),
        unifi=functools.cache(UnifiAccessClient.from_settings),
        ninja=functools.cache(NinjaOneClient.from_settings),
    )
