"""The lifecycle state machine, walked in-process over its ASL, with the tasks run against the
UniFi and NinjaOne contract fakes and the real PostgreSQL.

``run_machine`` follows infra/statemachines/booking_lifecycle.asl.json (Wait, Task with Retry and
Catch, Choice, Pass, Succeed, Fail): a Wait moves the test clock to its timestamp instead of
sleeping, and a hook can act before any state (a door scan, a cancellation). After each task it
records which calls reached the fakes, so the tests assert the exact order of effects.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from booking.adapters.ninjaone import NinjaOneClient
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.adapters.unifi import UnifiAccessClient
from booking.domain.actors import SYSTEM, Actor, Role
from booking.domain.models import BookingStatus
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking.services import bookings as svc
from booking.services import lifecycle

pytest_plugins = ["fakes_fixtures"]

ASL = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "infra"
        / "statemachines"
        / "booking_lifecycle.asl.json"
    ).read_text()
)
SCRIPTS = {
    "power.on": "11",
    "launch.software": "12",
    "load.profile": "13",
    "save.data": "14",
    "reset.defaults": "15",
    "diagnostics": "16",
}
VISITORS = "/api/v1/developer/visitors"
TORONTO = ZoneInfo("America/Toronto")


class TestClock:
    """The tasks' clock; the runner moves it to each Wait's timestamp."""

    __test__ = False

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Bay:
    """A world for lifecycle tests: one location, bays with doors and PCs, one member."""

    location_id: uuid.UUID
    bays: list[uuid.UUID]
    member: uuid.UUID


@dataclass
class Trace:
    """What a walk through the machine did."""

    states: list[str] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)
    effects: list[tuple[str, list[str]]] = field(default_factory=list)
    end: str = ""
    error: dict[str, Any] | None = None


def _path(data: Any, path: str) -> Any:
    value = data
    for part in path.removeprefix("$").strip(".").split("."):
        if not part:
            continue
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = json.loads(json.dumps(data))
    target = out
    parts = path.removeprefix("$.").split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value
    return out


def _parameters(template: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return {
        (k[:-2] if k.endswith(".$") else k): (_path(data, v) if k.endswith(".$") else v)
        for k, v in template.items()
    }


def _rule(rule: dict[str, Any], data: dict[str, Any]) -> bool:
    if "And" in rule:
        return all(_rule(r, data) for r in rule["And"])
    try:
        value = _path(data, rule["Variable"])
    except KeyError:
        return rule.get("IsPresent") is False
    if "IsPresent" in rule:
        return bool(rule["IsPresent"])
    if "BooleanEquals" in rule:
        return bool(value == rule["BooleanEquals"])
    if "StringEquals" in rule:
        return bool(value == rule["StringEquals"])
    raise AssertionError(f"unsupported choice rule {rule}")


def _matches(names: list[str], error: str) -> bool:
    return "States.ALL" in names or error in names


def run_machine(
    payload: dict[str, Any],
    deps: lifecycle.LifecycleDeps,
    clock: TestClock,
    effects: Callable[[], list[str]],
    *,
    before: Callable[[str, Trace], bool | None] | None = None,
) -> Trace:
    """Walk the ASL from StartAt; ``before(state, trace)`` returning False stops the walk."""
    trace = Trace()
    data = payload
    name = ASL["StartAt"]
    effects()  # forget what happened before the run
    while True:
        if before is not None and before(name, trace) is False:
            trace.end = "STOPPED"
            return trace
        state = ASL["States"][name]
        trace.states.append(name)
        kind = state["Type"]
        if kind == "Wait":
            clock.now = max(clock.now, datetime.fromisoformat(_path(data, state["TimestampPath"])))
            name = state["Next"]
        elif kind == "Task":
            event = _parameters(state["Parameters"], data)
            attempts: dict[int, int] = {}
            while True:
                try:
                    result: Any = lifecycle.run_task(event, deps)
                    break
                except Exception as exc:
                    error = type(exc).__name__
                    retry = next(
                        (
                            (i, r)
                            for i, r in enumerate(state.get("Retry", []))
                            if _matches(r["ErrorEquals"], error)
                        ),
                        None,
                    )
                    if retry is not None and attempts.get(retry[0], 0) < retry[1]["MaxAttempts"]:
                        attempts[retry[0]] = attempts.get(retry[0], 0) + 1
                        continue
                    catch = next(c for c in state["Catch"] if _matches(c["ErrorEquals"], error))
                    result = {"Error": error, "Cause": str(exc)}
                    data = _set(data, catch["ResultPath"], result)
                    trace.effects.append((name, effects()))
                    name = catch["Next"]
                    result = None
                    break
            if result is not None:
                trace.results[name] = result
                trace.effects.append((name, effects()))
                data = _set(data, state["ResultPath"], result)
                name = state["Next"]
        elif kind == "Choice":
            name = next((c["Next"] for c in state["Choices"] if _rule(c, data)), state["Default"])
        elif kind == "Pass":
            data = _set(data, state["ResultPath"], state["Result"])
            name = state["Next"]
        elif kind in ("Succeed", "Fail"):
            trace.end = name
            trace.error = data.get("error")
            return trace
        else:
            raise AssertionError(f"unsupported state type {kind}")


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def clock() -> TestClock:
    return TestClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def deps(db, unifi_fake, ninjaone_fake, fast_session, clock) -> lifecycle.LifecycleDeps:
    return lifecycle.LifecycleDeps(
        uow=lambda: PostgresUnitOfWork(db),
        unifi=lambda: UnifiAccessClient(unifi_fake.url, "unifi-test-token", session=fast_session),
        ninja=lambda: NinjaOneClient(
            ninjaone_fake.url, "ninja-client", "ninja-secret", session=fast_session
        ),
        now=clock,
    )


@pytest.fixture
def effects(unifi_fake, ninjaone_fake) -> Callable[[], list[str]]:
    """Calls to the fakes since the last call of the returned function, in order."""
    seen = {"unifi": 0, "ninja": 0}

    def new() -> list[str]:
        out = []
        unifi = [c for c in unifi_fake.calls() if not c["path"].startswith("/_")]
        for c in unifi[seen["unifi"] :]:
            # "/visitors/<uuid>" -> "/visitors/{id}" so assertions do not depend on the fake's ids.
            rest = "/{id}" if c["path"].removeprefix(VISITORS) else ""
            out.append(f"unifi {c['method']} /visitors{rest}")
        seen["unifi"] = len(unifi)
        ninja = [c for c in ninjaone_fake.calls() if c["path"].startswith("/v2/")]
        for c in ninja[seen["ninja"] :]:
            if c["path"].endswith("/script/run"):
                out.append(f"ninja run {c['json'].get('id')}")
            else:
                out.append(f"ninja {c['method']} {c['path'].split('?')[0].split('/')[-1]}")
        seen["ninja"] = len(ninja)
        return out

    return new


def make_bays(db, *, bays: int = 2, settings: dict[str, Any] | None = None) -> Bay:
    tag = uuid.uuid4().hex[:8]
    uow = PostgresUnitOfWork(db)
    with uow:
        location = uow.locations.add(
            slug=f"life-{tag}",
            name=f"Life {tag}",
            address="",
            time_zone="America/Toronto",
            opening_hours=OpeningHours.from_json({d: [["00:00", "24:00"]] for d in WEEKDAYS}),
            settings=LocationSettings.from_json({"ninjaone_scripts": SCRIPTS, **(settings or {})}),
        )
        resources = [
            uow.resources.add(
                location_id=location.id,
                name=f"Bay {n}",
                type="simulator",
                capacity=4,
                buffer_minutes=0,
                unifi_door_ids=["door-main", f"door-bay-{n}"],
                ninjaone_device_id=str(n),
            )
            for n in range(1, bays + 1)
        ]
        user = uow.users.add(
            email=f"ada-{tag}@example.com",
            name="Ada Lovelace",
            preferences={"simulator": {"handedness": "left", "units": "metric"}},
        )
        uow.credits.record(user_id=user.id, delta=100, reason="grant")
        uow.commit()
    return Bay(location.id, [r.id for r in resources], user.id)


def book(db, world: Bay, start: datetime, *, bay: int = 0, minutes: int = 60):
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay], start=start, end=start + timedelta(minutes=minutes)
        ),
        PostgresUnitOfWork(db),
        Actor(role=Role.MEMBER, user_id=world.member),
        datetime.now(UTC),
    )


def start_in(days: int = 1) -> datetime:
    """Tomorrow 14:00 at the club: inside every default rule (hours, cut-off, window)."""
    day = (datetime.now(TORONTO) + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 14, tzinfo=TORONTO)


def payload_for(db, booking, clock_: lifecycle.Clock | None = None) -> dict[str, Any]:
    uow = PostgresUnitOfWork(db)
    with uow:
        location = uow.locations.get(booking.location_id)
        current = uow.bookings.get(booking.id)
    assert location is not None and current is not None
    return lifecycle.execution_input(current, location.settings, clock_ or lifecycle.Clock())


def status_of(db, booking_id) -> BookingStatus:
    uow = PostgresUnitOfWork(db)
    with uow:
        found = uow.bookings.get(booking_id)
    assert found is not None
    return found.status


def outbox_types(db, booking_id) -> list[str]:
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id", (booking_id,)
        ).fetchall()
    return [r["detail_type"] for r in rows]


# Each step reads the device's newest activity, starts its scripts, then polls the activities
# until NinjaOne reported every outcome.
SETUP_RUNS = [
    "ninja GET activities",
    "ninja run 11",
    "ninja run 12",
    "ninja run 13",
    "ninja GET activities",
]
CLEANUP_CALLS = [
    "ninja GET activities",
    "ninja run 14",
    "ninja run 15",
    "ninja run 16",
    "ninja GET activities",
    "ninja GET 1",
]


# -- tests ------------------------------------------------------------------------------------


def test_checked_in_member_gets_the_whole_timeline_in_order(db, deps, clock, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())

    def scan_at_the_door(state: str, trace: Trace) -> None:
        if state == "NoShowCheck":  # the member arrives five minutes early
            svc.check_in(
                booking.id,
                PostgresUnitOfWork(db),
                SYSTEM,
                booking.start - timedelta(minutes=5),
                presence=svc.Presence.DOOR,
            )

    trace = run_machine(payload_for(db, booking), deps, clock, effects, before=scan_at_the_door)

    assert trace.end == "Done"
    assert trace.effects == [
        ("GrantAccess", ["unifi GET /visitors", "unifi POST /visitors"]),
        ("PcSetup", SETUP_RUNS),
        ("NoShowCheck", []),
        ("PcCleanup", CLEANUP_CALLS),
        ("RevokeAccess", ["unifi DELETE /visitors/{id}"]),
    ]
    assert trace.results["NoShowCheck"]["outcome"] == "checked_in"
    (create,) = unifi_fake.calls(VISITORS, "POST")
    assert create["json"]["start_time"] == int((booking.start - timedelta(minutes=15)).timestamp())
    assert create["json"]["end_time"] == int((booking.end + timedelta(minutes=15)).timestamp())
    assert [r["id"] for r in create["json"]["resources"]] == ["door-main", "door-bay-1"]
    assert unifi_fake.control("GET", "/_visitors") == []
    assert status_of(db, booking.id) is BookingStatus.COMPLETED
    assert "booking.no_show" not in outbox_types(db, booking.id)


def test_profile_is_loaded_with_the_members_preferences(db, deps, clock, effects, ninjaone_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())
    run_machine(
        payload_for(db, booking),
        deps,
        clock,
        effects,
        before=lambda state, _: state != "WaitForNoShow",
    )
    runs = ninjaone_fake.control("GET", "/_runs")
    assert [(r["device_id"], r["id"]) for r in runs] == [(1, 11), (1, 12), (1, 13)]
    profile = json.loads(runs[2]["parameters"])
    assert profile["preferences"] == {"handedness": "left", "units": "metric"}
    assert profile["member"] == str(world.member)


def test_no_door_scan_is_a_no_show_then_cleanup_and_revoke_at_once(db, deps, clock, effects):
    world = make_bays(db)
    booking = book(db, world, start_in())
    payload = payload_for(db, booking)

    trace = run_machine(payload, deps, clock, effects)

    assert trace.end == "Done"
    assert trace.results["NoShowCheck"] == {"task": "no_show_check", "outcome": "no_show"}
    # The bay is released: cleanup and revoke follow without waiting for the booking's end.
    assert "WaitForCleanup" not in trace.states and "WaitForRevoke" not in trace.states
    assert [name for name, _ in trace.effects] == [
        "GrantAccess",
        "PcSetup",
        "NoShowCheck",
        "PcCleanup",
        "RevokeAccess",
    ]
    assert trace.effects[-1] == ("RevokeAccess", ["unifi DELETE /visitors/{id}"])
    assert status_of(db, booking.id) is BookingStatus.NO_SHOW
    assert outbox_types(db, booking.id)[-1] == "booking.no_show"


def test_cancel_midway_stops_every_further_step(db, deps, clock, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())

    def cancel_before_the_check(state: str, trace: Trace) -> None:
        if state == "NoShowCheck":
            svc.cancel_booking(booking.id, PostgresUnitOfWork(db), SYSTEM, clock.now)
            # The starter's compensation (stopping the execution is covered with moto elsewhere;
            # here the machine goes on, as it would if the stop came late).
            trace.effects.append(("flush", effects()))
            lifecycle.compensate(booking.id, deps)
            trace.effects.append(("compensation", effects()))

    trace = run_machine(
        payload_for(db, booking), deps, clock, effects, before=cancel_before_the_check
    )

    assert trace.end == "Skipped"
    assert trace.results["NoShowCheck"] == {
        "task": "no_show_check",
        "skipped": True,
        "reason": "CANCELLED",
    }
    assert trace.effects == [
        ("GrantAccess", ["unifi GET /visitors", "unifi POST /visitors"]),
        ("PcSetup", SETUP_RUNS),
        ("flush", []),
        ("compensation", ["unifi DELETE /visitors/{id}", "unifi GET /visitors", *CLEANUP_CALLS]),
        ("NoShowCheck", []),
    ]
    # Compensation: access revoked and the prepared PC cleaned up, before the skipped step.
    assert unifi_fake.control("GET", "/_visitors") == []
    uow = PostgresUnitOfWork(db)
    with uow:
        access = uow.lifecycle.get(booking.id)
    assert access is not None and access.revoked_at is not None and access.pc_cleaned_at is not None


def test_a_superseded_execution_does_nothing(db, deps, clock, effects):
    world = make_bays(db)
    booking = book(db, world, start_in())
    old = payload_for(db, booking)
    svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=booking.start + timedelta(hours=1)),
        PostgresUnitOfWork(db),
        SYSTEM,
        datetime.now(UTC),
    )

    trace = run_machine(old, deps, clock, effects)

    assert trace.end == "Skipped"
    assert trace.results["GrantAccess"]["reason"] == "SUPERSEDED"
    assert trace.effects == [("GrantAccess", [])]


def test_modified_booking_moves_the_existing_visitor(db, deps, clock, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())
    run_machine(
        payload_for(db, booking), deps, clock, effects, before=lambda s, _: s != "WaitForSetup"
    )
    moved = svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, resource_id=world.bays[1]),
        PostgresUnitOfWork(db),
        SYSTEM,
        datetime.now(UTC),
    )

    trace = run_machine(
        payload_for(db, moved), deps, clock, effects, before=lambda s, _: s != "WaitForSetup"
    )

    assert trace.effects == [("GrantAccess", ["unifi PUT /visitors/{id}"])]
    (visitor,) = unifi_fake.control("GET", "/_visitors")
    assert [r["id"] for r in visitor["resources"]] == ["door-main", "door-bay-2"]


def test_a_transient_door_system_failure_is_retried(db, deps, clock, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())
    unifi_fake.fault(500, times=1, path=VISITORS, method="POST")

    trace = run_machine(
        payload_for(db, booking), deps, clock, effects, before=lambda s, _: s != "WaitForSetup"
    )

    assert trace.results["GrantAccess"]["granted"] is True
    assert [c["status"] for c in unifi_fake.calls(VISITORS, "POST")] == [500, 200]
    assert len(unifi_fake.control("GET", "/_visitors")) == 1


def test_a_lasting_failure_takes_the_alert_path(db, deps, clock, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())
    unifi_fake.fault(500, times=100, path=VISITORS, method="POST")

    trace = run_machine(payload_for(db, booking), deps, clock, effects)

    assert trace.end == "Failed"
    assert trace.states[-3:] == ["GrantAccessFailed", "Alert", "Failed"]
    uow = PostgresUnitOfWork(db)
    with uow:
        (alert,) = uow.lifecycle.open_alerts(booking.id)
    assert (alert.state, alert.error, alert.version) == ("GrantAccess", "UpstreamError", 1)
    assert len(unifi_fake.calls(VISITORS, "POST")) == 7  # the first try and six retries


def test_an_early_no_show_check_is_retried_not_applied(db, deps, clock):
    world = make_bays(db)
    booking = book(db, world, start_in())
    payload = payload_for(db, booking)
    event = {
        "task": "no_show_check",
        **{k: payload[k] for k in ("booking_id", "version", "resource_id", "start", "end")},
        "compressed": False,
        "logical_at": payload["logical"]["no_show_at"],
    }
    clock.now = booking.start + timedelta(minutes=14)
    with pytest.raises(lifecycle.NotDueYet):
        lifecycle.run_task(event, deps)
    assert status_of(db, booking.id) is BookingStatus.CONFIRMED


def test_compressed_clock_lets_the_no_show_task_act_at_its_business_instant(db, deps, clock):
    world = make_bays(db)
    booking = book(db, world, start_in())
    compressed = lifecycle.Clock(time_scale=1 / 60, anchor=clock.now)
    payload = payload_for(db, booking, compressed)
    clock.now = datetime.fromisoformat(payload["no_show_at"])  # minutes before the real due
    event = {
        "task": "no_show_check",
        **{k: payload[k] for k in ("booking_id", "version", "resource_id", "start", "end")},
        "compressed": True,
        "logical_at": payload["logical"]["no_show_at"],
    }
    assert lifecycle.run_task(event, deps)["outcome"] == "no_show"


def test_unknown_task_is_an_error(deps):
    with pytest.raises(ValueError):
        lifecycle.run_task({"task": "dance", "booking_id": str(uuid.uuid4()), "version": 1}, deps)


def test_handler_dispatches_on_the_task(deps, db):
    from functions.lifecycle import handler as module

    world = make_bays(db)
    booking = book(db, world, start_in())
    event = json.loads(
        (
            Path(__file__).resolve().parents[2] / "events" / "lifecycle" / "grant_access.json"
        ).read_text()
    )
    payload = payload_for(db, booking)
    event.update({k: payload[k] for k in ("booking_id", "version", "resource_id", "start", "end")})

    result = module.handle(event, deps)

    assert result["granted"] is True


def _grant_input(db, booking) -> lifecycle.TaskInput:
    return lifecycle.TaskInput.parse(
        {**payload_for(db, booking), "booking_id": str(booking.id), "version": booking.version}
    )


def test_a_visitor_post_answered_after_the_timeout_makes_no_second_visitor(db, deps, unifi_fake):
    from booking.adapters.http import TransportError, make_session

    world = make_bays(db)
    booking = book(db, world, start_in())
    # The console creates the visitor but answers after the client gave up waiting.
    unifi_fake.fault(None, times=1, path=VISITORS, method="POST", delay=1.5)
    impatient = lifecycle.LifecycleDeps(
        uow=deps.uow,
        unifi=lambda: UnifiAccessClient(
            unifi_fake.url, "unifi-test-token", session=make_session(timeout=(1.0, 0.5))
        ),
        ninja=deps.ninja,
        now=deps.now,
    )
    with pytest.raises(TransportError):
        lifecycle.grant_access(_grant_input(db, booking), impatient)
    time.sleep(1.5)  # Step Functions retries seconds later (IntervalSeconds): the POST landed

    retried = lifecycle.grant_access(_grant_input(db, booking), deps)  # Step Functions' retry

    (visitor,) = unifi_fake.control("GET", "/_visitors")
    assert retried["visitor_id"] == visitor["id"]
    assert len(unifi_fake.calls(VISITORS, "POST")) == 1
    svc.cancel_booking(booking.id, PostgresUnitOfWork(db), SYSTEM, datetime.now(UTC))
    lifecycle.compensate(booking.id, deps)
    assert unifi_fake.control("GET", "/_visitors") == []  # no visitor keeps door access


def test_the_sweep_deletes_visitors_no_booking_stands_behind(db, deps, unifi_fake):
    world = make_bays(db)
    kept = book(db, world, start_in())
    cancelled = book(db, world, start_in(days=2))
    granted = lifecycle.grant_access(_grant_input(db, kept), deps)
    unifi = deps.unifi()
    window = {"start": datetime.now(UTC), "end": datetime.now(UTC) + timedelta(hours=2)}
    # A duplicate of the kept booking's visitor (a retried POST before the fix) ...
    duplicate = unifi.create_visitor(
        first_name="Dup",
        last_name="Member",
        door_ids=["door-main"],
        remarks=lifecycle.visitor_marker(kept.id),
        **window,
    )
    # ... a visitor left behind by a cancelled booking, and someone else's visitor.
    left = unifi.create_visitor(
        first_name="Left",
        last_name="Member",
        door_ids=["door-main"],
        remarks=lifecycle.visitor_marker(cancelled.id),
        **window,
    )
    svc.cancel_booking(cancelled.id, PostgresUnitOfWork(db), SYSTEM, datetime.now(UTC))
    guest = unifi.create_visitor(
        first_name="Guest", last_name="Plumber", door_ids=["door-main"], remarks="", **window
    )

    swept = lifecycle.sweep_orphan_visitors(deps)

    assert sorted(swept["deleted"]) == sorted([duplicate.id, left.id])
    remaining = {v["id"] for v in unifi_fake.control("GET", "/_visitors")}
    assert remaining == {granted["visitor_id"], guest.id}
