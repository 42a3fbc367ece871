"""The lifecycle tasks, run by the lifecycle function one state at a time (``event["task"]``).

Each re-reads the booking and returns ``{"skipped": true, "reason": ...}`` when it was
cancelled or superseded by a newer version of its schedule, so a stale execution does nothing.
Failures of the door or PC systems raise the adapters' typed errors; the state machine retries
them by class name and sends what still fails to its alert path (:func:`record_alert`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from booking.adapters.postgres.repositories.lifecycle import AccessRecord
from booking.domain.actors import SYSTEM
from booking.domain.errors import Conflict, InvalidTransition
from booking.domain.models import ACTIVE_STATUSES, Booking, BookingStatus, Location, Resource, User
from booking.services import bookings as booking_service
from booking.services import device_health
from booking.services.lifecycle.schedule import access_window
from booking.services.ports import AuthError, NotFound, RequestRejected, UnitOfWork

if TYPE_CHECKING:
    # Types only: the clients (and requests under them) load when the runtime makes one,
    # so the tasks that call no SaaS, and the lifecycle starter, do not import them.
    from booking.adapters.ninjaone import NinjaOneClient, ScriptRef
    from booking.adapters.unifi import UnifiAccessClient

logger = logging.getLogger(__name__)
SETUP_ACTIONS: tuple[str, ...] = ("power.on", "launch.software", "load.profile")
CLEANUP_ACTIONS: tuple[str, ...] = ("save.data", "reset.defaults", "diagnostics")


class NotDueYet(Exception):
    """A step ran before its instant (clock skew); the state machine retries it a little later."""


# -- dependencies -----------------------------------------------------------------------------


@dataclass
class LifecycleDeps:
    """What the tasks and the starter talk to; clients are built on first use."""

    uow: Callable[[], UnitOfWork]
    unifi: Callable[[], UnifiAccessClient]
    ninja: Callable[[], NinjaOneClient]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # How long a task waits for NinjaOne to report its scripts' outcomes (the task function
    # has 60 s), and how it waits between polls.
    script_deadline_seconds: float = 40.0
    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic


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
class Facts:
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


def _load(uow: UnitOfWork, inp: TaskInput) -> Facts | str:
    """The booking and its facts, or the reason the step must not run."""
    booking = uow.bookings.get(inp.booking_id)
    if booking is None:
        return "BOOKING_NOT_FOUND"
    access = uow.lifecycle.get(booking.id)
    if booking.status is BookingStatus.CANCELLED:
        return "CANCELLED"
    if _superseded(booking, inp, access):
        return "SUPERSEDED"
    resource = uow.resources.get(booking.resource_id)
    user = uow.users.get(booking.user_id)
    location = uow.locations.get(booking.location_id)
    assert resource is not None and user is not None and location is not None  # foreign keys
    return Facts(booking, resource, user, location, access)


def _read(deps: LifecycleDeps, inp: TaskInput) -> Facts | str:
    uow = deps.uow()
    with uow:
        return _load(uow, inp)


# -- tasks ------------------------------------------------------------------------------------


VISITOR_MARKER = "booking "


def visitor_marker(booking_id: UUID | str) -> str:
    """The remark that ties a UniFi visitor to its booking."""
    return f"{VISITOR_MARKER}{booking_id}"


def names_for_door_system(user: User) -> tuple[str, str]:
    """First and last name for the door system (both must be non-empty there)."""
    parts = user.name.split(maxsplit=1)
    first = parts[0] if parts else user.email.split("@", 1)[0] or "Member"
    last = parts[1] if len(parts) > 1 else "Member"
    return first, last


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
        first, last = names_for_door_system(facts.user)
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
        uow.lifecycle.record_grant(
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


def _script_for(ninja: NinjaOneClient, location: Location, action: str) -> ScriptRef:
    """The script of a named PC action, preferring the location's own mapping."""
    from booking.adapters.ninjaone import ScriptRef

    entry = location.settings.ninjaone_scripts.get(action)
    if entry is not None:
        return ScriptRef.parse(entry)
    return ninja.resolve_action(str(location.id), action)


def _run_confirmed(
    deps: LifecycleDeps,
    location: Location,
    device_id: str,
    actions: Sequence[tuple[str, str | None]],
    *,
    refused_is_failure: bool,
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Start each (action, parameters) on the PC, then wait for NinjaOne to report each outcome.

    Returns the actions that succeeded, those that failed (refused, reported failed, or not
    reported by ``deps.script_deadline_seconds``) and the outcome activities. With
    ``refused_is_failure`` a refusal (device offline or unknown, no script configured) is a
    failed action instead of an error; 5xx, timeouts and rate limits always raise (retried).
    """
    ninja = deps.ninja()
    since = ninja.last_activity_id(device_id)
    started: list[tuple[str, ScriptRef]] = []
    failed: list[str] = []
    for action, parameters in actions:
        try:
            ref = _script_for(ninja, location, action)
            ninja.run_script(device_id, ref, parameters)
        except (RequestRejected, NotFound, AuthError, LookupError) as exc:
            if not refused_is_failure:
                raise
            logger.warning("PC action %s refused on %s: %s", action, device_id, exc)
            failed.append(action)
            continue
        started.append((action, ref))
    outcomes = (
        ninja.await_outcomes(
            device_id,
            [ref for _, ref in started],
            since,
            deadline_seconds=deps.script_deadline_seconds,
            sleep=deps.sleep,
            clock=deps.monotonic,
        )
        if started
        else []
    )
    done = []
    for (action, _), outcome in zip(started, outcomes, strict=True):
        if outcome.ok:
            done.append(action)
        else:
            logger.warning("PC action %s on %s ended %s", action, device_id, outcome.status)
            failed.append(action)
    activities = [o.activity for o in outcomes if o.activity is not None]
    return done, failed, activities


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
    actions = [
        (action, profile_parameters(facts.user) if action == "load.profile" else None)
        for action in SETUP_ACTIONS
    ]
    done, failed, activities = _run_confirmed(
        deps, facts.location, device, actions, refused_is_failure=False
    )
    uow = deps.uow()
    with uow:
        uow.lifecycle.record_setup(facts.booking.id, device, deps.now())
        uow.commit()
    result: dict[str, Any] = {"task": "pc_setup", "done": done, "device_id": device}
    if failed:
        # The PC did not get ready: a device-health finding (the bay is taken out of service
        # and its upcoming bookings, this one included, are moved where a bay is free).
        report = device_health.diagnose(
            facts.resource.id,
            device=deps.ninja().get_device(device),
            activities=activities,
            failed_actions=failed,
        )
        outcome = device_health.report_health(report, deps.uow, deps.now())
        result.update(failed=failed, healthy=False, health=outcome.as_dict())
    return result


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


def cleanup_pc(facts: Facts, deps: LifecycleDeps) -> dict[str, Any]:
    """Save, reset and diagnose the PC, confirming each script's outcome; the verdict (offline,
    a refused, failed or unreported script) goes to device health."""
    device = facts.resource.ninjaone_device_id
    if not device:
        return {"done": [], "reason": "NO_DEVICE"}
    ninja = deps.ninja()
    try:
        done, failed, recent = _run_confirmed(
            deps,
            facts.location,
            device,
            [(action, None) for action in CLEANUP_ACTIONS],
            refused_is_failure=True,
        )
    except NotFound:  # the device itself is unknown to NinjaOne
        done, failed, recent = [], list(CLEANUP_ACTIONS), []
    try:
        info: dict[str, Any] | None = ninja.get_device(device)
    except NotFound:
        info = None
    report = device_health.diagnose(
        facts.resource.id, device=info, activities=recent, failed_actions=failed
    )
    outcome = device_health.report_health(report, deps.uow, deps.now())
    uow = deps.uow()
    with uow:
        uow.lifecycle.record_cleanup(facts.booking.id, deps.now())
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
    return {"task": "pc_cleanup", **cleanup_pc(facts, deps)}


def delete_visitor(deps: LifecycleDeps, booking_id: UUID, visitor_id: str) -> None:
    with contextlib.suppress(NotFound):  # already gone: the goal is reached
        deps.unifi().delete_visitor(visitor_id)
    uow = deps.uow()
    with uow:
        uow.lifecycle.record_revoke(booking_id, deps.now())
        uow.commit()


def revoke_access(inp: TaskInput, deps: LifecycleDeps, *, force: bool = False) -> dict[str, Any]:
    """Delete the booking's visitor from the door system and close a checked-in booking.

    ``force`` revokes even for a cancelled or superseded booking (compensation).
    """
    uow = deps.uow()
    with uow:
        loaded = _load(uow, inp)
        access = uow.lifecycle.get(inp.booking_id)
    if isinstance(loaded, str) and not force and loaded != "CANCELLED":
        return _skipped("revoke_access", loaded)
    result: dict[str, Any] = {"task": "revoke_access", "revoked": False}
    if access is not None and access.access_open:
        assert access.visitor_id is not None
        delete_visitor(deps, inp.booking_id, access.visitor_id)
        result.update(revoked=True, visitor_id=access.visitor_id)
    else:
        result["reason"] = "NOTHING_TO_REVOKE"
    if isinstance(loaded, Facts) and loaded.booking.status is BookingStatus.CHECKED_IN:
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
        alert_id = uow.lifecycle.add_alert(
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
