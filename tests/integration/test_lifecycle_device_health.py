"""Device health: a failed cleanup diagnosis takes the bay out and moves its bookings."""

from __future__ import annotations

import uuid
from datetime import timedelta

from test_lifecycle_machine import book, clock, deps, effects, make_bays, start_in

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.models import ResourceStatus
from booking.services import device_health, lifecycle

pytest_plugins = ["fakes_fixtures"]
__all__ = ["clock", "deps", "effects"]  # fixtures re-used from the machine tests


def _state(db, booking_id):
    uow = PostgresUnitOfWork(db)
    with uow:
        return uow.bookings.get(booking_id)


def _bay_status(db, resource_id) -> ResourceStatus:
    uow = PostgresUnitOfWork(db)
    with uow:
        resource = uow.resources.get(resource_id)
    assert resource is not None
    return resource.status


def _outbox(db, aggregate_id) -> list[str]:
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id", (aggregate_id,)
        ).fetchall()
    return [r["detail_type"] for r in rows]


def _block(db, world, bay: int, start, minutes: int = 60, user_id=None):
    """A booking on ``bay`` inserted directly (the booking rules are not under test here);
    someone else's unless ``user_id`` is given."""
    uow = PostgresUnitOfWork(db)
    with uow:
        if user_id is None:
            other = uow.users.add(email=f"other-{uuid.uuid4().hex[:8]}@example.com", name="Other")
            user_id = other.id
        booking = uow.bookings.add(
            user_id=user_id,
            resource_id=world.bays[bay],
            start=start,
            end=start + timedelta(minutes=minutes),
            party_size=1,
            source="api",
            credit_cost=0,
            metadata={},
        )
        uow.commit()
    return booking


def _cleanup_event(booking) -> dict:
    return {
        "task": "pc_cleanup",
        "booking_id": str(booking.id),
        "version": booking.version,
        "resource_id": str(booking.resource_id),
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
    }


def test_offline_pc_marks_the_bay_unhealthy_and_moves_or_flags_its_bookings(
    db, deps, clock, ninjaone_fake
):
    world = make_bays(db, bays=3)
    today = book(db, world, start_in(1))
    movable = book(db, world, start_in(2))
    stuck = _block(db, world, 0, start_in(3), user_id=world.member)
    _block(db, world, 1, stuck.start)
    _block(db, world, 2, stuck.start)
    ninjaone_fake.control("POST", "/_devices", {"devices": [{"id": 1, "offline": True}]})
    clock.now = today.end + timedelta(minutes=5)

    result = lifecycle.run_task(_cleanup_event(today), deps)

    assert result["healthy"] is False and result["diagnosis"] == "DEVICE_OFFLINE"
    assert result["failed"] == ["save.data", "reset.defaults", "diagnostics"]
    assert _bay_status(db, world.bays[0]) is ResourceStatus.UNHEALTHY
    assert _outbox(db, world.bays[0]) == ["device.unhealthy"]
    moved = _state(db, movable.id)
    assert moved.resource_id == world.bays[1] and moved.version == movable.version + 1
    assert _outbox(db, movable.id)[-1] == "booking.modified"
    flagged = _state(db, stuck.id)
    assert flagged.resource_id == world.bays[0] and flagged.version == stuck.version
    assert flagged.metadata["needs_staff"]["reason"] == "BAY_UNHEALTHY"
    assert result["health"]["flagged"] == [str(stuck.id)]
    assert [m["booking_id"] for m in result["health"]["moved"]] == [str(movable.id)]


def test_healthy_cleanup_keeps_the_bay_and_a_healthy_report_restores_it(db, deps, clock):
    world = make_bays(db)
    booking = book(db, world, start_in(1))
    clock.now = booking.end + timedelta(minutes=5)

    result = lifecycle.run_task(_cleanup_event(booking), deps)

    assert result["healthy"] is True and result["done"] == [
        "save.data",
        "reset.defaults",
        "diagnostics",
    ]
    assert _bay_status(db, world.bays[0]) is ResourceStatus.ACTIVE

    bad = device_health.HealthReport(world.bays[0], False, "DIAGNOSTICS_FAILED")
    assert device_health.report_health(bad, deps.uow, clock.now).changed is True
    again = device_health.report_health(bad, deps.uow, clock.now)
    assert again.changed is False and _outbox(db, world.bays[0]) == ["device.unhealthy"]
    good = device_health.HealthReport(world.bays[0], True, "OK")
    assert device_health.report_health(good, deps.uow, clock.now).status is ResourceStatus.ACTIVE
    assert _bay_status(db, world.bays[0]) is ResourceStatus.ACTIVE


def test_a_bay_in_maintenance_is_left_to_staff(db, deps, clock):
    world = make_bays(db)
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.resources.set_status(world.bays[0], ResourceStatus.MAINTENANCE)
        uow.commit()
    for healthy in (False, True):
        report = device_health.HealthReport(world.bays[0], healthy)
        outcome = device_health.report_health(report, deps.uow, clock.now)
        assert (outcome.status, outcome.changed) == (ResourceStatus.MAINTENANCE, False)


def test_diagnose_reads_failed_activities():
    bay = uuid.uuid4()
    ok = device_health.diagnose(bay, device={"id": 1, "offline": False}, activities=[])
    failed = device_health.diagnose(
        bay, device={"id": 1}, activities=[{"id": 9, "statusCode": "FAILURE"}]
    )
    assert ok.healthy is True
    assert (failed.healthy, failed.reason) == (False, "DIAGNOSTICS_FAILED")
    assert device_health.diagnose(bay, device=None).reason == "DEVICE_UNKNOWN"


def _setup_event(booking) -> dict:
    return {**_cleanup_event(booking), "task": "pc_setup"}


def test_a_setup_script_that_reports_failure_takes_the_bay_out_and_flags_the_booking(
    db, deps, clock, ninjaone_fake
):
    world = make_bays(db, bays=2)
    booking = book(db, world, start_in(1))
    ninjaone_fake.configure(failing_scripts=["12"])  # the simulator software does not start
    clock.now = booking.start - timedelta(minutes=10)

    result = lifecycle.run_task(_setup_event(booking), deps)

    assert result["failed"] == ["launch.software"] and result["healthy"] is False
    assert result["done"] == ["power.on", "load.profile"]
    assert _bay_status(db, world.bays[0]) is ResourceStatus.UNHEALTHY
    # Ten minutes before its start the booking is inside the last-minute cut-off, so the rules
    # refuse to move it: it is flagged for staff on the unhealthy bay.
    assert result["health"]["flagged"] == [str(booking.id)]
    assert _state(db, booking.id).metadata["needs_staff"]["reason"] == "BAY_UNHEALTHY"


def test_a_cleanup_script_that_never_reports_is_a_health_finding_by_the_deadline(
    db, deps, clock, ninjaone_fake
):
    import dataclasses

    world = make_bays(db)
    booking = book(db, world, start_in(1))
    ninjaone_fake.configure(stuck_scripts=["16"])  # diagnostics never report back
    waited: list[float] = []
    patient = dataclasses.replace(
        deps,
        script_deadline_seconds=6.0,
        sleep=waited.append,  # simulated: the deadline's clock is the sum of the waits
        monotonic=lambda: sum(waited),
    )
    clock.now = booking.end + timedelta(minutes=5)

    result = lifecycle.run_task(_cleanup_event(booking), patient)

    assert result["failed"] == ["diagnostics"] and result["healthy"] is False
    assert result["diagnosis"] == "ACTION_FAILED"
    assert _bay_status(db, world.bays[0]) is ResourceStatus.UNHEALTHY
    assert sum(waited) <= 6.0  # polled until the deadline, not beyond
