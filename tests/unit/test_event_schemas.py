"""The event contracts in events/schemas: valid JSON Schemas, one per detail-type we emit,
and the sample consumer events conform to them. (Every event the services write is validated
against them in tests/integration/test_outbox_publishing.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "events" / "schemas"
DETAIL_TYPES = {
    "booking.created",
    "booking.modified",
    "booking.cancelled",
    "booking.checked_in",
    "booking.no_show",
    "booking.completed",
    "user.synced",
    "device.unhealthy",
    "waitlist.offered",
    "waitlist.lapsed",
}


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def test_there_is_one_schema_per_detail_type():
    assert {p.stem for p in SCHEMAS.glob("*.json")} == DETAIL_TYPES


@pytest.mark.parametrize("name", sorted(DETAIL_TYPES))
def test_schema_is_valid_and_requires_the_envelope(name):
    schema = _schema(name)
    Draft202012Validator.check_schema(schema)
    assert {"event_id", "occurred_at", "version"} <= set(schema["required"])


@pytest.mark.parametrize(
    "sample", sorted((ROOT / "events").glob("*_consumer/*.json")), ids=lambda p: p.name
)
def test_sample_consumer_events_match_their_schema(sample):
    event = json.loads(sample.read_text())
    validator = Draft202012Validator(_schema(event["detail-type"]))
    assert list(validator.iter_errors(event["detail"])) == []


def test_schema_rejects_a_detail_without_event_id():
    event = json.loads((ROOT / "events" / "clubos_consumer" / "booking_created.json").read_text())
    detail = dict(event["detail"])
    del detail["event_id"]
    assert not Draft202012Validator(_schema("booking.created")).is_valid(detail)


def test_created_schema_rejects_a_cancelled_booking():
    event = json.loads((ROOT / "events" / "clubos_consumer" / "booking_created.json").read_text())
    detail = json.loads(json.dumps(event["detail"]))
    detail["booking"]["status"] = "cancelled"
    assert not Draft202012Validator(_schema("booking.created")).is_valid(detail)
