"""Publishing events on the EventBridge bus: PutEvents in batches, failures reported per entry.

``PutEvents`` can accept a request and still reject some of its entries (``FailedEntryCount`` with
an ``ErrorCode`` on each rejected entry); a whole request can also fail (throttling, network).
``EventBridgePublisher.publish`` never raises for either: it returns which events were sent and
why the others were not, so the caller can mark the sent ones and leave the rest for a retry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from botocore.exceptions import BotoCoreError, ClientError

from booking.adapters.metrics import count_published

MAX_ENTRIES_PER_CALL = 10
"""PutEvents accepts at most 10 entries per request."""


@dataclass(frozen=True)
class OutgoingEvent:
    """One event to put on the bus."""

    event_id: UUID
    detail_type: str
    detail: dict[str, Any]


@dataclass
class PublishResult:
    """Which events went out, and why the others did not (event id -> error)."""

    sent: list[UUID] = field(default_factory=list)
    failed: dict[UUID, str] = field(default_factory=dict)


def events_client() -> Any:
    """A boto3 EventBridge client (``AWS_ENDPOINT_URL`` points it at LocalStack locally)."""
    import boto3

    return boto3.client("events")


class EventBridgePublisher:
    """Puts events with one ``source`` on one bus."""

    def __init__(self, bus_name: str, source: str, client: Any | None = None) -> None:
        self.bus_name = bus_name
        self.source = source
        self._client = client

    @property
    def client(self) -> Any:
        """The EventBridge client, created on first use."""
        if self._client is None:
            self._client = events_client()
        return self._client

    def entry(self, event: OutgoingEvent) -> dict[str, Any]:
        """The PutEvents entry of an event."""
        return {
            "EventBusName": self.bus_name,
            "Source": self.source,
            "DetailType": event.detail_type,
            "Detail": json.dumps(event.detail, separators=(",", ":"), default=str),
        }

    def publish(self, events: Sequence[OutgoingEvent]) -> PublishResult:
        """Put ``events`` in order, ten per request; report per event what happened."""
        result = PublishResult()
        sent_types: list[str] = []
        for start in range(0, len(events), MAX_ENTRIES_PER_CALL):
            batch = list(events[start : start + MAX_ENTRIES_PER_CALL])
            try:
                answer = self.client.put_events(Entries=[self.entry(e) for e in batch])
            except (ClientError, BotoCoreError) as exc:
                for event in batch:
                    result.failed[event.event_id] = f"{type(exc).__name__}: {exc}"[:500]
                continue
            entries = answer.get("Entries") or []
            # Entries come back in request order; one without an EventId was rejected.
            for i, event in enumerate(batch):
                got = entries[i] if i < len(entries) else {}
                if got.get("EventId") and not got.get("ErrorCode"):
                    result.sent.append(event.event_id)
                    sent_types.append(event.detail_type)
                else:
                    code = got.get("ErrorCode") or "MissingEntry"
                    result.failed[event.event_id] = f"{code}: {got.get('ErrorMessage', '')}"[:500]
        count_published(sent_types)
        return result
