"""The lifecycle starter against moto's Step Functions: one execution per booking version,
the old one stopped on a change, compensation on a cancellation."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from test_lifecycle_machine import (  # the world, clock and fixtures of the machine tests
    CLEANUP_CALLS,
    SETUP_RUNS,
    TestClock,
    book,
    clock,
    deps,
    effects,
    make_bays,
    start_in,
)

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.adapters.stepfunctions import StepFunctions
from booking.domain.actors import SYSTEM
from booking.services import bookings as svc
from booking.services import lifecycle

pytest_plugins = ["fakes_fixtures"]
__all__ = ["clock", "deps", "effects"]  # fixtures re-used from the machine tests

ASL = Path(__file__).resolve().parents[2] / "infra" / "statemachines" / "booking_lifecycle.asl.json"
TASK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:lifecycle-task"


@pytest.fixture
def sfn(monkeypatch) -> Any:
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(key, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        client = boto3.client("stepfunctions", region_name="us-east-1")
        definition = ASL.read_text().replace("${LifecycleTaskFunctionArn}", TASK_ARN)
        created = client.create_state_machine(
            name="booking-lifecycle",
            definition=definition,
            roleArn="arn:aws:iam::123456789012:role/lifecycle",
        )
        yield StepFunctions(created["stateMachineArn"], client)


def outbox_events(db, booking_id) -> list[dict[str, Any]]:
    """The booking's outbox rows as EventBridge would deliver them."""
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type, detail FROM outbox WHERE aggregate_id = %s ORDER BY id",
            (booking_id,),
        ).fetchall()
    return [
        {"detail-type": r["detail_type"], "source": "booking.platform", "detail": r["detail"]}
        for r in rows
    ]


def executions(sfn: StepFunctions) -> dict[str, str]:
    listed = sfn.client.list_executions(stateMachineArn=sfn.state_machine_arn)["executions"]
    return {e["name"]: e["status"] for e in listed}


def execution_input(sfn: StepFunctions, name: str) -> dict[str, Any]:
    described = sfn.client.describe_execution(executionArn=sfn.execution_arn(name))
    return json.loads(described["input"])


def test_created_starts_one_execution_and_a_redelivery_starts_nothing(db, deps, sfn):
    world = make_bays(db)
    booking = book(db, world, start_in())
    (created,) = outbox_events(db, booking.id)

    first = lifecycle.handle_booking_event(created, deps, sfn)
    again = lifecycle.handle_booking_event(created, deps, sfn)

    name = f"{booking.id}-v1"
    assert first["action"] == "started"
    assert again["action"] == "already_started"
    assert executions(sfn) == {name: "RUNNING"}
    payload = execution_input(sfn, name)
    assert payload["booking_id"] == str(booking.id) and payload["version"] == 1
    assert datetime.fromisoformat(payload["grant_at"]) == booking.start - timedelta(minutes=15)
    assert datetime.fromisoformat(payload["revoke_at"]) == booking.end + timedelta(minutes=15)


def test_modify_stops_the_old_execution_and_starts_one_with_the_new_times(db, deps, sfn):
    world = make_bays(db)
    booking = book(db, world, start_in())
    lifecycle.handle_booking_event(outbox_events(db, booking.id)[0], deps, sfn)
    later = booking.start + timedelta(hours=2)
    svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=later),
        PostgresUnitOfWork(db),
        SYSTEM,
        datetime.now(UTC),
    )
    modified = outbox_events(db, booking.id)[-1]
    assert modified["detail-type"] == "booking.modified"

    result = lifecycle.handle_booking_event(modified, deps, sfn)
    redelivered = lifecycle.handle_booking_event(modified, deps, sfn)

    assert result["stopped"] == [sfn.execution_arn(f"{booking.id}-v1")]
    assert redelivered["stopped"] == [] and redelivered["action"] == "already_started"
    assert executions(sfn) == {f"{booking.id}-v1": "ABORTED", f"{booking.id}-v2": "RUNNING"}
    payload = execution_input(sfn, f"{booking.id}-v2")
    assert datetime.fromisoformat(payload["setup_at"]) == later - timedelta(minutes=10)


def test_a_late_created_event_does_not_start_a_stale_execution(db, deps, sfn):
    world = make_bays(db)
    booking = book(db, world, start_in())
    svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=booking.start + timedelta(hours=1)),
        PostgresUnitOfWork(db),
        SYSTEM,
        datetime.now(UTC),
    )
    created, modified = outbox_events(db, booking.id)
    lifecycle.handle_booking_event(modified, deps, sfn)

    late = lifecycle.handle_booking_event(created, deps, sfn)

    # The created event names version 1, but the starter reads the booking as it now stands.
    assert late["action"] == "already_started"
    assert executions(sfn) == {f"{booking.id}-v2": "RUNNING"}


def test_cancel_after_setup_stops_and_compensates(db, deps, sfn, effects, unifi_fake):
    world = make_bays(db)
    booking = book(db, world, start_in())
    lifecycle.handle_booking_event(outbox_events(db, booking.id)[0], deps, sfn)
    payload = execution_input(sfn, f"{booking.id}-v1")
    for task, step in (("grant_access", "grant"), ("pc_setup", "setup")):
        event = {k: payload[k] for k in ("booking_id", "version", "resource_id", "start", "end")}
        lifecycle.run_task(
            {**event, "task": task, "logical_at": payload["logical"][f"{step}_at"]}, deps
        )
    assert effects() == ["unifi GET /visitors", "unifi POST /visitors", *SETUP_RUNS]
    svc.cancel_booking(booking.id, PostgresUnitOfWork(db), SYSTEM, datetime.now(UTC))

    result = lifecycle.handle_booking_event(outbox_events(db, booking.id)[-1], deps, sfn)

    assert result["action"] == "cancelled"
    assert result["revoked"] is True and result["cleaned_up"] is True
    assert executions(sfn) == {f"{booking.id}-v1": "ABORTED"}
    assert effects() == ["unifi DELETE /visitors/{id}", "unifi GET /visitors", *CLEANUP_CALLS]
    assert unifi_fake.control("GET", "/_visitors") == []
    # A re-delivered cancellation finds nothing left to undo.
    again = lifecycle.handle_booking_event(outbox_events(db, booking.id)[-1], deps, sfn)
    assert (again["revoked"], again["cleaned_up"], again["stopped"]) == (False, False, [])
    assert effects() == []


def test_cancel_before_any_step_only_stops(db, deps, sfn, effects):
    world = make_bays(db)
    booking = book(db, world, start_in())
    lifecycle.handle_booking_event(outbox_events(db, booking.id)[0], deps, sfn)
    svc.cancel_booking(booking.id, PostgresUnitOfWork(db), SYSTEM, datetime.now(UTC))

    result = lifecycle.handle_booking_event(outbox_events(db, booking.id)[-1], deps, sfn)

    assert (result["revoked"], result["cleaned_up"]) == (False, False)
    assert executions(sfn) == {f"{booking.id}-v1": "ABORTED"}
    assert effects() == []
    uow = PostgresUnitOfWork(db)
    with uow:
        access = uow.lifecycle.get(booking.id)
    assert access is not None and access.visitor_id is None


def test_compressed_starter_puts_the_timeline_minutes_ahead(db, deps, sfn, clock: TestClock):
    world = make_bays(db)
    booking = book(db, world, start_in())
    config = lifecycle.StarterConfig(time_scale=1 / 3600)  # an hour becomes a second

    lifecycle.handle_booking_event(outbox_events(db, booking.id)[0], deps, sfn, config)

    payload = execution_input(sfn, f"{booking.id}-v1")
    revoke = datetime.fromisoformat(payload["revoke_at"])
    assert payload["compressed"] is True
    assert clock.now <= revoke < clock.now + timedelta(minutes=1)


def test_starter_handler_runs_on_the_runtime_it_is_given(db, deps, sfn):
    from booking.runtime import Runtime
    from functions.lifecycle_starter import handler as module

    world = make_bays(db)
    booking = book(db, world, start_in())
    rt = Runtime(
        database=db,
        unifi=deps.unifi,
        ninjaone=deps.ninja,
        now=deps.now,
        lifecycle_machine=lambda: sfn,
    )

    result = module.handle(outbox_events(db, booking.id)[0], rt, lifecycle.StarterConfig())

    assert result["action"] == "started"
    sample = json.loads(
        (Path(__file__).resolve().parents[2] / "events/lifecycle_starter/created.json").read_text()
    )
    assert sample["detail-type"] == "booking.created"
    assert (
        lifecycle.handle_booking_event({"detail-type": "booking.created", "detail": {}}, deps, sfn)[
            "action"
        ]
        == "ignored"
    )
