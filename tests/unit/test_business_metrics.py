"""Business metrics are written as CloudWatch embedded-metric lines the moment they happen."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from booking.adapters.metrics import count_published
from booking.api.errors import register
from booking.domain.errors import SlotTaken


def _metrics(out: str) -> dict[str, float]:
    """``{metric name: value}`` summed over the EMF lines in ``out``."""
    found: dict[str, float] = {}
    for line in out.splitlines():
        try:
            doc: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(doc, dict) or "_aws" not in doc:
            continue
        assert doc["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "BookingPlatform"
        assert doc["service"] == "booking"
        for m in doc["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
            value = doc[m["Name"]]
            values = value if isinstance(value, list) else [value]
            found[m["Name"]] = found.get(m["Name"], 0) + sum(float(v) for v in values)
    return found


@pytest.fixture(autouse=True)
def _namespace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "BookingPlatform")
    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED", raising=False)


def test_published_events_count_bookings_made_and_no_shows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    count_published(["booking.created", "booking.modified", "booking.created", "booking.no_show"])
    assert _metrics(capsys.readouterr().out) == {"BookingsMade": 2, "NoShows": 1}


def test_nothing_published_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    count_published(["booking.cancelled"])
    assert _metrics(capsys.readouterr().out) == {}


def test_a_taken_slot_answered_409_counts_a_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    app = APIGatewayRestResolver()
    register(app)

    @app.post("/bookings")
    def create() -> dict[str, str]:
        raise SlotTaken("the bay is taken")

    event = {
        "resource": "/bookings",
        "path": "/bookings",
        "httpMethod": "POST",
        "headers": {"Content-Type": "application/json"},
        "requestContext": {"resourcePath": "/bookings", "httpMethod": "POST"},
        "body": "{}",
        "isBase64Encoded": False,
    }
    reply = app.resolve(event, None)  # type: ignore[arg-type]
    assert reply["statusCode"] == 409
    assert _metrics(capsys.readouterr().out) == {"BookingConflicts": 1}
