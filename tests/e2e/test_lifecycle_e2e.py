"""The booking lifecycle state machine deployed on LocalStack, with the timeline compressed.

Needs the template's lifecycle resources (output ``LifecycleStateMachineArn``); skipped with a
reason until the deployed stack has them. The execution is started the way the starter does it,
with a clock that turns an hour into a minute, and the calls reaching the UniFi and NinjaOne
fakes are checked in order once it has succeeded.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import localcloud
import pytest
import requests

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.adapters.stepfunctions import StepFunctions
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking.services import lifecycle

pytestmark = pytest.mark.e2e

SCRIPTS = {
    "power.on": "11",
    "launch.software": "12",
    "load.profile": "13",
    "save.data": "14",
    "reset.defaults": "15",
    "diagnostics": "16",
}
DEADLINE_SECONDS = 240


@pytest.fixture(scope="module")
def machine(stack: dict[str, Any]) -> StepFunctions:
    arn = stack["outputs"].get("LifecycleStateMachineArn")
    if not arn:
        pytest.skip("the deployed template has no lifecycle resources (LifecycleStateMachineArn)")
    return StepFunctions(arn, localcloud.client("stepfunctions"))


def _booking(database_url: str) -> Any:
    """A bay with the fakes' door and PC, and a booking starting in two minutes."""
    db = Database(database_url)
    tag = uuid.uuid4().hex[:8]
    uow = PostgresUnitOfWork(db)
    with uow:
        location = uow.locations.add(
            slug=f"e2e-life-{tag}",
            name=f"E2E life {tag}",
            address="",
            time_zone="America/Toronto",
            opening_hours=OpeningHours.from_json({d: [["00:00", "24:00"]] for d in WEEKDAYS}),
            settings=LocationSettings.from_json({"ninjaone_scripts": SCRIPTS}),
        )
        bay = uow.resources.add(
            location_id=location.id,
            name="Bay 1",
            type="simulator",
            capacity=4,
            buffer_minutes=0,
            unifi_door_ids=["door-bay-1"],
            ninjaone_device_id="1",
        )
        user = uow.users.add(email=f"life-{tag}@example.com", name="Grace Hopper")
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=2)
        booking = uow.bookings.add(
            user_id=user.id,
            resource_id=bay.id,
            start=start,
            end=start + timedelta(hours=1),
            party_size=1,
            source="api",
            credit_cost=0,
            metadata={},
        )
        uow.commit()
    db.close()
    return booking, location


def _calls(base: str) -> list[dict[str, Any]]:
    answer = requests.get(base + "/_calls", timeout=30)
    answer.raise_for_status()
    calls: list[dict[str, Any]] = answer.json()
    return calls


def test_no_show_timeline_runs_on_step_functions(
    machine: StepFunctions, stack: dict[str, Any], fakes: dict[str, str]
) -> None:
    booking, location = _booking(stack["database_url"])
    unifi_before = len(_calls(fakes["unifi"]))
    ninja_before = len(_calls(fakes["ninjaone"]))
    clock = lifecycle.Clock(time_scale=1 / 60, anchor=datetime.now(UTC))
    payload = lifecycle.execution_input(booking, location.settings, clock)

    arn, started = machine.start(lifecycle.execution_name(booking.id, booking.version), payload)
    assert started
    deadline = time.monotonic() + DEADLINE_SECONDS
    while machine.status(arn) == "RUNNING" and time.monotonic() < deadline:
        time.sleep(1)
    described = machine.client.describe_execution(executionArn=arn)

    assert described["status"] == "SUCCEEDED", described
    unifi = [
        (c["method"], c["path"].split("/visitors")[0] + "/visitors")
        for c in _calls(fakes["unifi"])[unifi_before:]
        if "/visitors" in c["path"]
    ]
    assert [m for m, _ in unifi] == ["POST", "DELETE"]
    runs = [
        c["json"]["id"]
        for c in _calls(fakes["ninjaone"])[ninja_before:]
        if c["path"].endswith("/script/run")
    ]
    assert runs == [11, 12, 13, 14, 15, 16]
    output = json.loads(described["output"])
    assert output["no_show_result"]["outcome"] == "no_show"
