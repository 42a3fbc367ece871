"""The booking timeline: instants from the location's settings, and the compressed demo clock."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from booking.domain.models import Booking, BookingStatus, Source
from booking.domain.settings import LocationSettings
from booking.services.lifecycle import Clock, execution_input, execution_name, schedule_for

START = datetime(2026, 3, 8, 1, 30, tzinfo=UTC)  # crosses the US DST change in local time
END = START + timedelta(hours=1)
ASL = Path(__file__).resolve().parents[2] / "infra" / "statemachines" / "booking_lifecycle.asl.json"


def _booking(start: datetime = START, end: datetime = END, version: int = 3) -> Booking:
    return Booking(
        id=uuid.UUID("00000000-0000-4000-8000-0000000000b1"),
        user_id=uuid.uuid4(),
        resource_id=uuid.uuid4(),
        location_id=uuid.uuid4(),
        start=start,
        end=end,
        party_size=1,
        status=BookingStatus.CONFIRMED,
        version=version,
        source=Source.API,
        credit_cost=2,
        metadata={},
        created_at=start - timedelta(days=1),
        updated_at=start - timedelta(days=1),
    )


def test_defaults_follow_the_business_rules() -> None:
    s = schedule_for(START, END, LocationSettings())
    assert s.grant_at == START - timedelta(minutes=15)
    assert s.setup_at == START - timedelta(minutes=10)
    assert s.no_show_at == START + timedelta(minutes=15)
    assert s.cleanup_at == END + timedelta(minutes=5)
    assert s.revoke_at == END + timedelta(minutes=15)


def test_location_settings_change_the_instants() -> None:
    settings = LocationSettings(
        access_before_minutes=30,
        access_after_minutes=20,
        pc_setup_before_minutes=20,
        pc_cleanup_after_minutes=2,
        no_show_grace_minutes=10,
    )
    s = schedule_for(START, END, settings)
    assert [s.grant_at, s.setup_at, s.no_show_at, s.cleanup_at, s.revoke_at] == [
        START - timedelta(minutes=30),
        START - timedelta(minutes=20),
        START + timedelta(minutes=10),
        END + timedelta(minutes=2),
        END + timedelta(minutes=20),
    ]


def test_instants_never_go_backwards_in_the_machines_order() -> None:
    # Setup lead longer than the door lead, grace longer than the booking, cleanup after revoke.
    settings = LocationSettings(
        access_before_minutes=5,
        pc_setup_before_minutes=30,
        no_show_grace_minutes=90,
        pc_cleanup_after_minutes=20,
        access_after_minutes=0,
    )
    s = schedule_for(START, END, settings)
    instants = list(s.instants().values())
    assert instants == sorted(instants)
    assert s.setup_at == s.grant_at == START - timedelta(minutes=5)
    assert s.no_show_at == START + timedelta(minutes=90)
    assert s.revoke_at == s.cleanup_at == s.no_show_at  # lifted behind the late check


def test_naive_or_reversed_times_are_refused() -> None:
    with pytest.raises(ValueError):
        schedule_for(START.replace(tzinfo=None), END, LocationSettings())
    with pytest.raises(ValueError):
        schedule_for(END, START, LocationSettings())


def test_real_clock_is_the_identity() -> None:
    payload = execution_input(_booking(), LocationSettings(), Clock())
    assert payload["compressed"] is False
    assert datetime.fromisoformat(payload["no_show_at"]) == START + timedelta(minutes=15)
    assert payload["no_show_at"].endswith("Z")
    assert payload["logical"]["no_show_at"] == (START + timedelta(minutes=15)).isoformat()


def test_compressed_clock_runs_an_hour_in_a_minute_from_the_anchor() -> None:
    anchor = START - timedelta(minutes=20)
    clock = Clock(time_scale=1 / 60, anchor=anchor)
    payload = execution_input(_booking(), LocationSettings(), clock)
    real = {k: datetime.fromisoformat(payload[f"{k}_at"]) for k in ("grant", "no_show", "revoke")}
    assert real["grant"] == anchor + timedelta(seconds=5)  # 5 business minutes later
    assert real["no_show"] == anchor + timedelta(seconds=35)
    assert real["revoke"] == anchor + timedelta(seconds=95)
    assert payload["compressed"] is True
    # The tasks still see the business instants.
    assert payload["logical"]["grant_at"] == (START - timedelta(minutes=15)).isoformat()


def test_steps_already_due_run_at_once_and_offset_shifts_all() -> None:
    anchor = START + timedelta(minutes=5)  # booked (or modified) after the door opened
    clock = Clock(time_scale=1.0, offset=timedelta(seconds=30), anchor=anchor)
    assert clock.real(START - timedelta(minutes=15)) == anchor
    assert clock.real(START + timedelta(minutes=15)) == START + timedelta(minutes=15, seconds=30)


def test_clock_options_are_checked() -> None:
    with pytest.raises(ValueError):
        Clock(time_scale=0)
    with pytest.raises(ValueError):
        Clock(time_scale=2, anchor=START)
    with pytest.raises(ValueError):
        Clock(time_scale=0.5)  # compressed without an anchor


def test_execution_name_is_per_version_and_valid_for_step_functions() -> None:
    name = execution_name(_booking().id, 12)
    assert name == "00000000-0000-4000-8000-0000000000b1-v12"
    assert len(name) <= 80


def test_every_wait_reads_a_key_the_input_has() -> None:
    asl = json.loads(ASL.read_text())
    payload = execution_input(_booking(), LocationSettings(), Clock())
    waits = [s for s in asl["States"].values() if s["Type"] == "Wait"]
    assert [w["TimestampPath"] for w in waits] == [
        "$.grant_at",
        "$.setup_at",
        "$.no_show_at",
        "$.cleanup_at",
        "$.revoke_at",
    ]
    for wait in waits:
        assert wait["TimestampPath"][2:] in payload
    for state in asl["States"].values():
        for key, path in (state.get("Parameters") or {}).items():
            if key.endswith(".$") and path.startswith("$.logical."):
                assert path.removeprefix("$.logical.") in payload["logical"]
