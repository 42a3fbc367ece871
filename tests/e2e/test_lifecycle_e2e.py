"""Booking lifecycles end to end on LocalStack, through the real path and with time compressed.

API -> outbox -> EventBridge -> lifecycle starter -> Step Functions -> task function -> UniFi
and NinjaOne fakes. The session stack compresses lifecycles by ``LifecycleTimeScale``
(tests/e2e/conftest.py: an hour of a booking's timeline takes 30 s), from the moment the starter
starts the execution.

Four scenarios, each on a location of its own (own bay, own door registered in the UniFi fake,
own NinjaOne device, own PC scripts, own member), so concurrent executions never mix:

* ``happy`` - booked an hour ahead, nobody comes: grant, PC setup, no-show, cleanup, revoke;
* ``cancel`` - cancelled once the doors were granted and before the PC setup: access revoked,
  the execution stopped, the PC never touched;
* ``modify`` - rescheduled before its doors opened: the first execution is stopped and the new
  one runs the new times;
* ``scan`` - a door scan arrives through ``POST /webhooks/unifi`` after the grant: checked in,
  no no-show, and the PC cleanup and revoke still run.

The scenarios are driven at once, each on its own thread, when the module starts; every test
waits for its own scenario and checks what it saw. Each prints when its calls reached the
fakes, in seconds after the booking was made (``pytest -s`` shows them).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import localcloud
import pytest
import requests
from botocore.exceptions import ClientError

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking.domain.signatures import sign_unifi
from booking_cli.devtokens import token_for
from saas_fakes.unifi import DEFAULT_TOKEN as UNIFI_TOKEN
from saas_fakes.unifi import PREFIX as UNIFI_PREFIX

pytestmark = pytest.mark.e2e

SETUP = ["power.on", "launch.software", "load.profile"]
CLEANUP = ["save.data", "reset.defaults", "diagnostics"]
FULL_TIMELINE = ["grant", *SETUP, *CLEANUP, "revoke"]
# Upper bound for one scenario, from its booking to its last check: a broken path fails here
# with the scenario's name and what it saw, instead of hanging.
DEADLINE_SECONDS = 150
POLL_SECONDS = 0.5
# Each scenario's location: what it needs from the timeline. The cancel scenario opens its
# doors 40 minutes ahead (20 s of compressed time before the PC setup, room to cancel in
# between); the scan scenario gives 30 minutes of grace, so its no-show check comes well after
# the door scan.
SETTINGS: dict[str, dict[str, Any]] = {
    "happy": {},
    "cancel": {"access_before_minutes": 40},
    "modify": {},
    "scan": {"no_show_grace_minutes": 30},
}


class ScenarioFailed(AssertionError):
    """A scenario did not reach a state in time (raised on its thread, shown by its test)."""


@dataclass(frozen=True)
class Site:
    """One scenario's own location, bay, door, PC, scripts and member."""

    name: str
    location_id: str
    resource_id: str
    door_id: str
    device_id: int
    scripts: dict[str, str]
    user_id: str
    token: str


@dataclass
class Run:
    """What one scenario did and saw."""

    site: Site
    booking_id: str = ""
    booked_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    marks: dict[str, float] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def mark(self, what: str) -> None:
        """Note when something the scenario did happened (seconds after the booking)."""
        self.marks[what] = round((datetime.now(UTC) - self.booked_at).total_seconds(), 1)


# -- plumbing ---------------------------------------------------------------------------------


def _next_minute(after: timedelta) -> datetime:
    moment = datetime.now(UTC) + after
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def wait_for(run: Run, what: str, probe: Callable[[], Any]) -> Any:
    """Poll ``probe`` until it gives something truthy; fail the scenario at its deadline."""
    deadline = run.booked_at + timedelta(seconds=DEADLINE_SECONDS)
    while True:
        value = probe()
        if value:
            return value
        if datetime.now(UTC) > deadline:
            raise ScenarioFailed(
                f"[{run.site.name}] booking {run.booking_id}: no {what} within"
                f" {DEADLINE_SECONDS} s of booking; marks so far {run.marks}"
            )
        time.sleep(POLL_SECONDS)


class Cloud:
    """The deployed stack as the scenarios use it (thread-safe: no shared connections)."""

    def __init__(self, stack: dict[str, Any], fakes: dict[str, str]) -> None:
        self.stack = stack
        self.api = stack["api_url"]
        self.fakes = fakes
        self.machine = stack["outputs"]["LifecycleStateMachineArn"]
        self.sfn = localcloud.client("stepfunctions")

    def call(self, method: str, path: str, token: str, **kwargs: Any) -> requests.Response:
        """One API request with a bearer token."""
        return requests.request(
            method,
            self.api + path,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
            **kwargs,
        )

    def execution_arn(self, booking_id: str, version: int) -> str:
        """The ARN the starter gives the execution of this booking version."""
        base = self.machine.replace(":stateMachine:", ":execution:", 1)
        return f"{base}:{booking_id}-v{version}"

    def execution(self, booking_id: str, version: int) -> dict[str, Any] | None:
        """``describe_execution`` of a booking version, or None while it does not exist."""
        try:
            described: dict[str, Any] = self.sfn.describe_execution(
                executionArn=self.execution_arn(booking_id, version)
            )
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ExecutionDoesNotExist":
                return None
            raise
        return described

    def finished(self, booking_id: str, version: int) -> dict[str, Any] | None:
        """The execution once it is no longer running."""
        described = self.execution(booking_id, version)
        return described if described and described["status"] != "RUNNING" else None

    def states_entered(self, booking_id: str, version: int) -> list[str]:
        """The states an execution entered, in order."""
        events = self.sfn.get_execution_history(
            executionArn=self.execution_arn(booking_id, version), maxResults=1000
        )["events"]
        return [
            e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e
        ]

    def fake_calls(self, fake: str, path: str) -> list[dict[str, Any]]:
        """Calls a fake received under ``path``, oldest first."""
        got = requests.get(self.fakes[fake] + "/_calls", params={"path": path}, timeout=10)
        got.raise_for_status()
        return list(got.json())


def _db_row(database_url: str, sql: str, params: tuple[Any, ...]) -> dict[str, Any] | None:
    db = Database(database_url)
    try:
        uow = PostgresUnitOfWork(db)
        with uow:
            row = uow.connection.execute(sql, params).fetchone()
        return dict(row) if row else None
    finally:
        db.close()


def booking_status(cloud: Cloud, booking_id: str) -> str:
    """The booking's status in the database."""
    row = _db_row(
        cloud.stack["database_url"], "SELECT status FROM bookings WHERE id = %s", (booking_id,)
    )
    assert row is not None
    return str(row["status"])


def visitor_of(cloud: Cloud, booking_id: str) -> str | None:
    """The UniFi visitor the lifecycle recorded for the booking."""
    row = _db_row(
        cloud.stack["database_url"],
        "SELECT visitor_id FROM booking_access WHERE booking_id = %s",
        (booking_id,),
    )
    return str(row["visitor_id"]) if row and row["visitor_id"] else None


def outbox_types(cloud: Cloud, booking_id: str) -> list[str]:
    """The event types written for the booking, oldest first."""
    db = Database(cloud.stack["database_url"])
    try:
        uow = PostgresUnitOfWork(db)
        with uow:
            rows = uow.connection.execute(
                "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id",
                (booking_id,),
            ).fetchall()
        return [str(r["detail_type"]) for r in rows]
    finally:
        db.close()


def alerts(cloud: Cloud, booking_id: str) -> list[str]:
    """The lifecycle alerts raised for the booking (a step that failed after its retries)."""
    db = Database(cloud.stack["database_url"])
    try:
        uow = PostgresUnitOfWork(db)
        with uow:
            rows = uow.connection.execute(
                "SELECT state, error FROM lifecycle_alerts WHERE booking_id = %s ORDER BY id",
                (booking_id,),
            ).fetchall()
        return [f"{r['state']}: {r['error']}" for r in rows]
    finally:
        db.close()


def clubos_types(cloud: Cloud, run: Run) -> list[str]:
    """Types of the booking's events the ClubOS consumer delivered."""
    return [
        str(item.get("type"))
        for call in cloud.fake_calls("clubos", "/api/input-events")
        if 200 <= (call["status"] or 0) < 300
        for item in ((call.get("json") or {}).get("payload") or {}).get("events", [])
        if (item.get("booking") or {}).get("booking_id") == run.booking_id
    ]


def timeline(cloud: Cloud, run: Run) -> list[tuple[str, float, dict[str, Any]]]:
    """This booking's calls on the UniFi and NinjaOne fakes, in the order they arrived.

    UniFi: the visitor created for the booking's door ("grant"), changed ("update") or deleted
    ("revoke"); NinjaOne: script runs on the bay's PC, named by the location's script mapping.
    Each comes with its time after the booking and the call itself.
    """
    site = run.site
    visitor = visitor_of(cloud, run.booking_id)
    found: list[tuple[str, str, dict[str, Any]]] = []
    for call in cloud.fake_calls("unifi", UNIFI_PREFIX + "/visitors"):
        body = call.get("json") or {}
        doors = [r.get("id") for r in body.get("resources") or [] if isinstance(r, dict)]
        if call["method"] == "POST" and site.door_id in doors:
            found.append(("grant", call["at"], call))
        elif visitor and call["path"] == f"{UNIFI_PREFIX}/visitors/{visitor}":
            label = {"PUT": "update", "DELETE": "revoke"}.get(call["method"])
            if label:
                found.append((label, call["at"], call))
    action_of = {script: action for action, script in site.scripts.items()}
    for call in cloud.fake_calls("ninjaone", f"/v2/device/{site.device_id}/script/run"):
        script = str((call.get("json") or {}).get("id"))
        found.append((action_of.get(script, f"script {script}"), call["at"], call))
    found.sort(key=lambda item: item[1])  # ISO timestamps of one clock sort as text
    return [
        (
            label,
            round((_parse(at) - run.booked_at).total_seconds(), 1),
            call,
        )
        for label, at, call in found
    ]


def _parse(at: str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def _labels(calls: list[tuple[str, float, dict[str, Any]]]) -> list[str]:
    return [label for label, _, _ in calls]


def _report(run: Run, calls: list[tuple[str, float, dict[str, Any]]]) -> str:
    steps = ", ".join(f"{label} {seconds:.1f}s" for label, seconds, _ in calls)
    marks = ", ".join(f"{k} {v:.1f}s" for k, v in run.marks.items())
    return f"[{run.site.name}] calls after booking: {steps} | marks: {marks}"


# -- the scenarios (each runs on its own thread) ----------------------------------------------


def _book(cloud: Cloud, run: Run, start: datetime, token: str, **extra: Any) -> None:
    run.booked_at = datetime.now(UTC)
    answer = cloud.call(
        "POST",
        "/bookings",
        token,
        json={
            "resource_id": run.site.resource_id,
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            **extra,
        },
    )
    if answer.status_code != 201:
        raise ScenarioFailed(f"[{run.site.name}] booking refused: {answer.text}")
    run.booking_id = str(answer.json()["id"])
    run.data["start"] = start
    run.mark("booked")


def _wait_finished(cloud: Cloud, run: Run, version: int) -> dict[str, Any]:
    described: dict[str, Any] = wait_for(
        run,
        f"end of execution v{version}",
        lambda: cloud.finished(run.booking_id, version),
    )
    run.mark(f"v{version} {described['status'].lower()}")
    return described


def scenario_happy(cloud: Cloud, site: Site) -> Run:
    """Booked an hour ahead through the API; nobody checks in."""
    run = Run(site)
    _book(cloud, run, _next_minute(timedelta(minutes=61)), site.token)
    run.data["execution"] = _wait_finished(cloud, run, 1)
    # booking.no_show travels on: the ClubOS consumer forwards it.
    wait_for(run, "no.show at ClubOS", lambda: "no.show" in clubos_types(cloud, run))
    run.mark("no_show at ClubOS")
    return run


def scenario_cancel(cloud: Cloud, site: Site) -> Run:
    """Cancelled after the doors were granted, before the PC setup."""
    run = Run(site)
    _book(cloud, run, _next_minute(timedelta(minutes=61)), site.token)
    wait_for(run, "grant", lambda: "grant" in _labels(timeline(cloud, run)))
    run.mark("grant seen")
    answer = cloud.call("POST", f"/bookings/{run.booking_id}/cancel", site.token, json={})
    if answer.status_code != 200:
        raise ScenarioFailed(f"[cancel] cancel refused: {answer.text}")
    run.mark("cancelled")
    run.data["execution"] = _wait_finished(cloud, run, 1)
    wait_for(run, "revoke", lambda: "revoke" in _labels(timeline(cloud, run)))
    run.mark("revoke seen")
    # Give a wrongful PC setup its chance: wait past the instant the execution was to run it.
    setup_at = _parse(json.loads(run.data["execution"]["input"])["setup_at"])
    time.sleep(max(0.0, (setup_at - datetime.now(UTC)).total_seconds()) + 5)
    run.mark("past setup instant")
    return run


def scenario_modify(cloud: Cloud, site: Site) -> Run:
    """Booked two hours ahead, then moved to an hour ahead before its doors opened."""
    run = Run(site)
    _book(cloud, run, _next_minute(timedelta(minutes=120)), site.token)
    wait_for(run, "execution v1", lambda: cloud.execution(run.booking_id, 1))
    run.mark("v1 started")
    new_start = _next_minute(timedelta(minutes=61))
    answer = cloud.call(
        "PATCH",
        f"/bookings/{run.booking_id}",
        site.token,
        json={
            "start": new_start.isoformat(),
            "end": (new_start + timedelta(hours=1)).isoformat(),
            "expected_version": 1,
        },
    )
    if answer.status_code != 200:
        raise ScenarioFailed(f"[modify] reschedule refused: {answer.text}")
    run.mark("modified")
    run.data["new_start"] = new_start
    run.data["new_version"] = int(answer.json()["version"])
    run.data["old"] = _wait_finished(cloud, run, 1)
    run.data["execution"] = _wait_finished(cloud, run, run.data["new_version"])
    return run


def scenario_scan(cloud: Cloud, site: Site, admin_token: str) -> Run:
    """A walk-in booked ten minutes ahead (kiosk bookings have no last-minute cut-off), so the
    door scan after the grant falls inside the real check-in window."""
    run = Run(site)
    _book(
        cloud,
        run,
        _next_minute(timedelta(minutes=9)),
        admin_token,
        user_id=site.user_id,
        source="kiosk",
    )
    visitor = wait_for(run, "recorded grant", lambda: visitor_of(cloud, run.booking_id))
    run.mark("grant seen")
    raw = json.dumps(
        {
            "event": "access.door.unlock",
            "event_object_id": str(uuid.uuid4()),
            "data": {"location": {"id": site.door_id}, "actor": {"id": visitor}},
        }
    ).encode()
    secret = cloud.stack["parameters"]["UnifiWebhookSecret"]
    answer = requests.post(
        cloud.api + "/webhooks/unifi",
        data=raw,
        headers={
            "Content-Type": "application/json",
            "Signature": sign_unifi(raw, secret, int(time.time())),
        },
        timeout=30,
    )
    run.mark("door scan")
    run.data["scan"] = (answer.status_code, answer.text)
    run.data["status_after_scan"] = booking_status(cloud, run.booking_id)
    run.data["execution"] = _wait_finished(cloud, run, 1)
    return run


# -- fixtures ---------------------------------------------------------------------------------


def _register_fake_devices(fakes: dict[str, str], sites: list[Site]) -> None:
    """Add the sites' doors to the UniFi fake (keeping the others) and their PCs to NinjaOne."""
    doors = requests.get(
        fakes["unifi"] + UNIFI_PREFIX + "/doors",
        headers={"Authorization": f"Bearer {UNIFI_TOKEN}"},
        timeout=10,
    )
    doors.raise_for_status()
    known = [{"id": d["id"], "name": d["name"]} for d in doors.json()["data"]]
    mine = [{"id": s.door_id, "name": f"Lifecycle {s.name}"} for s in sites]
    requests.post(
        fakes["unifi"] + "/_doors", json={"doors": known + mine}, timeout=10
    ).raise_for_status()
    requests.post(
        fakes["ninjaone"] + "/_devices",
        json={"devices": [{"id": s.device_id, "displayName": f"LIFE-{s.name}"} for s in sites]},
        timeout=10,
    ).raise_for_status()


def _make_site(db: Database, stack: dict[str, Any], name: str, n: int) -> Site:
    tag = uuid.uuid4().hex[:8]
    base = 100 + 10 * n
    scripts = {action: str(base + i) for i, action in enumerate(SETUP + CLEANUP)}
    uow = PostgresUnitOfWork(db)
    with uow:
        location = uow.locations.add(
            slug=f"e2e-life-{name}-{tag}",
            name=f"E2E lifecycle {name} {tag}",
            address="",
            time_zone="America/Toronto",
            opening_hours=OpeningHours.from_json({d: [["00:00", "24:00"]] for d in WEEKDAYS}),
            settings=LocationSettings.from_json({**SETTINGS[name], "ninjaone_scripts": scripts}),
        )
        device_id = 70_000 + int(tag[:4], 16)
        door_id = f"door-life-{name}-{tag}"
        bay = uow.resources.add(
            location_id=location.id,
            name=f"Bay {name}",
            type="simulator",
            capacity=4,
            buffer_minutes=0,
            unifi_door_ids=[door_id],
            ninjaone_device_id=str(device_id),
        )
        # Early access: the scenarios book whatever the local hour; credits for the hour.
        email = f"life-{name}-{tag}@example.com"
        user = uow.users.add(
            email=email, name=f"Lifecycle {name.title()}", tier="platinum", tags=["EARLY_ACCESS"]
        )
        uow.credits.record(user_id=user.id, delta=20, reason="grant")
        uow.commit()
    token = token_for(
        "member", email, secret=stack["jwt_secret"], database_url=stack["database_url"]
    )
    return Site(
        name=name,
        location_id=str(location.id),
        resource_id=str(bay.id),
        door_id=door_id,
        device_id=device_id,
        scripts=scripts,
        user_id=str(user.id),
        token=token,
    )


@pytest.fixture(scope="module")
def cloud(stack: dict[str, Any], fakes: dict[str, str]) -> Cloud:
    if not stack["outputs"].get("LifecycleStateMachineArn"):
        pytest.skip("the deployed template has no lifecycle resources (LifecycleStateMachineArn)")
    return Cloud(stack, fakes)


@pytest.fixture(scope="module")
def runs(
    cloud: Cloud, stack: dict[str, Any], fakes: dict[str, str], tokens: dict[str, str]
) -> Iterator[dict[str, Future[Run]]]:
    """Every scenario, started at once on its own thread."""
    db = Database(stack["database_url"])
    try:
        sites = {name: _make_site(db, stack, name, n) for n, name in enumerate(SETTINGS)}
    finally:
        db.close()
    _register_fake_devices(fakes, list(sites.values()))
    with ThreadPoolExecutor(max_workers=len(sites), thread_name_prefix="lifecycle") as pool:
        yield {
            "happy": pool.submit(scenario_happy, cloud, sites["happy"]),
            "cancel": pool.submit(scenario_cancel, cloud, sites["cancel"]),
            "modify": pool.submit(scenario_modify, cloud, sites["modify"]),
            "scan": pool.submit(scenario_scan, cloud, sites["scan"], tokens["admin"]),
        }


# -- the tests --------------------------------------------------------------------------------


def test_no_show_runs_the_whole_timeline_in_order(
    cloud: Cloud, runs: dict[str, Future[Run]]
) -> None:
    run = runs["happy"].result()
    calls = timeline(cloud, run)
    print(_report(run, calls))
    assert alerts(cloud, run.booking_id) == []
    described = run.data["execution"]

    assert described["status"] == "SUCCEEDED", described
    assert _labels(calls) == FULL_TIMELINE
    output = json.loads(described["output"])
    assert output["no_show_result"]["outcome"] == "no_show"
    assert booking_status(cloud, run.booking_id) == "no_show"
    assert "booking.no_show" in outbox_types(cloud, run.booking_id)
    # The door window sent to UniFi is the business one (start - 15 min to end + 15 min).
    grant = calls[0][2]["json"]
    start = run.data["start"]
    assert grant["start_time"] == int((start - timedelta(minutes=15)).timestamp())
    assert grant["end_time"] == int((start + timedelta(minutes=75)).timestamp())
    # The member's profile went to load.profile.
    load = next(call for label, _, call in calls if label == "load.profile")
    assert run.site.user_id in load["json"]["parameters"]


def test_cancel_midway_revokes_access_and_stops_the_timeline(
    cloud: Cloud, runs: dict[str, Future[Run]]
) -> None:
    run = runs["cancel"].result()
    calls = timeline(cloud, run)
    print(_report(run, calls))
    assert alerts(cloud, run.booking_id) == []

    assert run.data["execution"]["status"] == "ABORTED", run.data["execution"]
    assert _labels(calls) == ["grant", "revoke"]
    assert booking_status(cloud, run.booking_id) == "cancelled"
    entered = cloud.states_entered(run.booking_id, 1)
    assert "PcSetup" not in entered and "NoShowCheck" not in entered, entered


def test_modify_stops_the_old_execution_and_runs_the_new_times(
    cloud: Cloud, runs: dict[str, Future[Run]]
) -> None:
    run = runs["modify"].result()
    calls = timeline(cloud, run)
    print(_report(run, calls))
    assert alerts(cloud, run.booking_id) == []
    new_start: datetime = run.data["new_start"]

    assert run.data["old"]["status"] == "ABORTED", run.data["old"]
    assert "GrantAccess" not in cloud.states_entered(run.booking_id, 1)
    described = run.data["execution"]
    assert described["status"] == "SUCCEEDED", described
    execution_input = json.loads(described["input"])
    assert _parse(execution_input["start"]) == new_start
    assert _labels(calls) == FULL_TIMELINE
    grant = calls[0][2]["json"]
    assert grant["start_time"] == int((new_start - timedelta(minutes=15)).timestamp())
    assert grant["end_time"] == int((new_start + timedelta(minutes=75)).timestamp())
    assert booking_status(cloud, run.booking_id) == "no_show"


def test_door_scan_checks_in_and_cleanup_still_runs(
    cloud: Cloud, runs: dict[str, Future[Run]]
) -> None:
    run = runs["scan"].result()
    calls = timeline(cloud, run)
    print(_report(run, calls))
    assert alerts(cloud, run.booking_id) == []

    status, body = run.data["scan"]
    assert status == 200, body
    assert json.loads(body)["status"] == "checked_in"
    assert run.data["status_after_scan"] == "checked_in"
    described = run.data["execution"]
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"])["no_show_result"]["outcome"] == "checked_in"
    assert _labels(calls) == FULL_TIMELINE
    # Closed by the revoke at the end of the door window, never a no-show.
    assert booking_status(cloud, run.booking_id) == "completed"
    types = outbox_types(cloud, run.booking_id)
    assert "booking.checked_in" in types and "booking.no_show" not in types
