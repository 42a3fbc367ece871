"""The starter, consuming ``booking.created`` / ``modified`` / ``cancelled``.

It starts one execution per booking version (named ``<booking id>-v<version>``, so a
re-delivered event starts nothing twice), stops the superseded one, and on a cancellation
compensates: revokes door access and cleans up the PC if it was already set up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.lifecycle import AccessRecord
from booking.adapters.stepfunctions import StepFunctions
from booking.domain.models import ACTIVE_STATUSES
from booking.services.events import BOOKING_CANCELLED, BOOKING_CREATED, BOOKING_MODIFIED
from booking.services.lifecycle.schedule import Clock, execution_input, execution_name
from booking.services.lifecycle.tasks import Facts, LifecycleDeps, cleanup_pc, delete_visitor
from booking.services.lifecycle.visitors import delete_marked_duplicates

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
        if not uow.lifecycle.claim_execution(booking.id, booking.version, sfn.execution_arn(name)):
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
        access = uow.lifecycle.get(booking_id)
        resource = uow.resources.get(booking.resource_id) if booking else None
        user = uow.users.get(booking.user_id) if booking else None
        location = uow.locations.get(booking.location_id) if booking else None
    out: dict[str, Any] = {"revoked": False, "cleaned_up": False}
    if access is None or booking is None:
        return out
    if access.access_open:
        assert access.visitor_id is not None
        delete_visitor(deps, booking_id, access.visitor_id)
        out["revoked"] = True
        if user is not None:
            deleted = delete_marked_duplicates(deps, booking_id, user, keep=access.visitor_id)
            if deleted:
                out["duplicates_deleted"] = deleted
    if access.pc_needs_cleanup and resource and user and location:
        facts = Facts(booking, resource, user, location, access)
        out["cleanup"] = cleanup_pc(facts, deps)
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
        access = uow.lifecycle.get(booking_id)
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
