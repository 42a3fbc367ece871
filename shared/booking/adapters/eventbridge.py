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

MAX_REQUEST_BYTES = 256 * 1024
"""PutEvents refuses a request whose entries together exceed 256 KB (and so any one entry)."""

# Whole-request failures worth retrying as they are; any other error of a multi-entry request
# is retried entry by entry, so one bad entry cannot fail the others.
_TRANSIENT_CODES = frozenset(
    {"ThrottlingException", "InternalException", "ServiceUnavailable", "InternalFailure"}
)


@dataclass(frozen=True)
class OutgoingEvent:
    """One event to put on the bus."""

    event_id: UUID
    detail_type: str
    detail: dict[str, Any]


@dataclass
class PublishResult:
    """Which events went out, and why the others did not (event id -> error).

    ``permanent`` names the failed events that can never be sent as they are (an entry over
    the size limit): retrying them is pointless.
    """

    sent: list[UUID] = field(default_factory=list)
    failed: dict[UUID, str] = field(default_factory=dict)
    permanent: set[UUID] = field(default_factory=set)


def entry_size(entry: dict[str, Any]) -> int:
    """An entry's size as EventBridge counts it (UTF-8 bytes of Source, DetailType, Detail,
    Resources, plus 14 bytes for Time when present)."""
    size = sum(len(str(entry.get(k, "")).encode()) for k in ("Source", "DetailType", "Detail"))
    size += sum(len(str(r).encode()) for r in entry.get("Resources") or [])
    return size + (14 if "Time" in entry else 0)


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
        """Put ``events`` in order, in requests of at most 10 entries and 256 KB; report per
        event what happened. An entry too large to ever send fails alone, permanently."""
        result = PublishResult()
        batch: list[tuple[OutgoingEvent, dict[str, Any]]] = []
        batch_bytes = 0
        for event in events:
            entry = self.entry(event)
            size = entry_size(entry)
            if size > MAX_REQUEST_BYTES:
                result.failed[event.event_id] = (
                    f"EntryTooLarge: {size} bytes, the limit is {MAX_REQUEST_BYTES}"
                )
                result.permanent.add(event.event_id)
                continue
            if len(batch) == MAX_ENTRIES_PER_CALL or batch_bytes + size > MAX_REQUEST_BYTES:
                self._put(batch, result)
                batch, batch_bytes = [], 0
            batch.append((event, entry))
            batch_bytes += size
        if batch:
            self._put(batch, result)
        sent = set(result.sent)
        count_published([e.detail_type for e in events if e.event_id in sent])
        return result

    def _put(
        self, batch: list[tuple[OutgoingEvent, dict[str, Any]]], result: PublishResult
    ) -> None:
        """One PutEvents request; a refused multi-entry request is retried entry by entry."""
        try:
            answer = self.client.put_events(Entries=[entry for _, entry in batch])
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if len(batch) > 1 and code not in _TRANSIENT_CODES:
                for one in batch:
                    self._put([one], result)
                return
            for event, _ in batch:
                result.failed[event.event_id] = f"{type(exc).__name__}: {exc}"[:500]
            return
        except BotoCoreError as exc:
            for event, _ in batch:
                result.failed[event.event_id] = f"{type(exc).__name__}: {exc}"[:500]
            return
        entries = answer.get("Entries") or []
        # Entries come back in request order; one without an EventId was rejected.
        for i, (event, _) in enumerate(batch):
            got = entries[i] if i < len(entries) else {}
            if got.get("EventId") and not got.get("ErrorCode"):
                result.sent.append(event.event_id)
            else:
                code = got.get("ErrorCode") or "MissingEntry"
                result.failed[event.event_id] = f"{code}: {got.get('ErrorMessage', '')}"[:500]
