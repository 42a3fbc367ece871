"""Deliver a batch of booking events from the ClubOS queue within the function's time.

The path is EventBridge -> SQS -> this consumer (at most two concurrent invocations, batches of
up to 50 gathered for up to a minute, partial batch failures reported). ClubOS allows 100
requests per 15 minutes per address, every route counted; one request per event would cap
the chain at 400 events an hour and a busy evening would queue for hours. So a batch goes out
as **one** input event listing its events (``clubos.input_event``): 100 requests then carry
thousands of events, and ClubOS still sees each event with its own id and type.

Time: nothing here sleeps past the invocation. A 429 whose ``retry_after`` is short and fits in
what is left (``time_left()`` less a margin) is waited out inline; a longer one (ClubOS says up
to 900 s) hands the batch back to SQS: each message's visibility timeout is set to the wait and
the messages are reported as failed, so SQS offers them again when ClubOS's window reopens.
Other failures (5xx, timeouts) report the batch as failed with the queue's own visibility
timeout; after ``maxReceiveCount`` receipts SQS moves a message to the dead-letter queue.

Exactly once: the events' ids are claimed in ``processed_events`` in the same transaction that
commits only after ClubOS accepted the request; a rolled-back claim lets the redelivery send
again, and a redelivered event that was delivered is acknowledged without a request.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from booking.services.integrations.clubos import (
    CONSUMER,
    FORWARDED,
    ClubOSPort,
    clubos_item,
    input_event,
    send,
)
from booking.services.ports import IntegrationError, RateLimited, UnitOfWorkFactory

logger = logging.getLogger(__name__)

MAX_VISIBILITY_SECONDS = 12 * 3600  # SQS's ceiling
DEFAULT_RATE_LIMIT_WAIT = 60.0  # a 429 without any retry hint


class VisibilityPort(Protocol):
    """Hands messages back to the queue for a while (SQS ChangeMessageVisibility)."""

    def delay(self, receipt_handles: Sequence[str], seconds: int) -> None:
        """Make these messages visible again after ``seconds``."""
        ...


class ClientWithDeadline(ClubOSPort, Protocol):
    """A ClubOS client whose retries respect ``time_left`` (``ApiClient``)."""

    time_left: Callable[[], float] | None


class RateGate:
    """Remembers, for this execution environment, until when ClubOS refuses requests.

    Once a 429 said "not before T", the batches that follow go back to the queue until T without
    spending a request each (ClubOS counts refused requests too).
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.closed_until = 0.0

    def closed_for(self) -> float:
        """Seconds until ClubOS takes requests again (0 when open)."""
        return max(0.0, self.closed_until - self.clock())

    def close(self, seconds: float) -> None:
        """ClubOS refuses requests for ``seconds``."""
        self.closed_until = max(self.closed_until, self.clock() + seconds)


@dataclass(frozen=True)
class QueuedEvent:
    """One SQS message holding an EventBridge event."""

    message_id: str
    receipt_handle: str
    detail_type: str
    detail: dict[str, Any]


@dataclass
class BatchResult:
    """What one invocation did with its batch."""

    acknowledged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    sent_events: int = 0
    requests: int = 0
    handed_back_for: int | None = None
    inline_wait: float = 0.0


@dataclass(frozen=True)
class DeliveryOptions:
    """Time budget of one invocation."""

    margin_seconds: float = 5.0  # kept back for committing and answering Lambda
    max_inline_wait: float = 10.0  # a longer Retry-After goes back to the queue


def parse_records(records: Sequence[Mapping[str, Any]]) -> tuple[list[QueuedEvent], list[str]]:
    """SQS records -> events; the ids of records that are not EventBridge booking events."""
    events: list[QueuedEvent] = []
    bad: list[str] = []
    for record in records:
        message_id = str(record.get("messageId", ""))
        try:
            body = json.loads(record["body"])
            detail = body["detail"]
            detail_type = str(body["detail-type"])
            UUID(str(detail["event_id"]))
        except (KeyError, TypeError, ValueError):
            logger.error("not a booking event: message %s", message_id)
            bad.append(message_id)
            continue
        events.append(QueuedEvent(message_id, str(record["receiptHandle"]), detail_type, detail))
    return events, bad


def deliver_batch(
    uow_factory: UnitOfWorkFactory,
    client: ClientWithDeadline,
    events: Sequence[QueuedEvent],
    *,
    time_left: Callable[[], float],
    sleep: Callable[[float], None],
    visibility: VisibilityPort,
    gate: RateGate | None = None,
    options: DeliveryOptions | None = None,
) -> BatchResult:
    """Send the batch's new events to ClubOS as one input event (see the module docstring)."""
    opts = options or DeliveryOptions()
    result = BatchResult()
    everyone = [e.message_id for e in events]

    def hand_back(wait: float) -> BatchResult:
        seconds = min(MAX_VISIBILITY_SECONDS, math.ceil(wait) + 1)
        visibility.delay([e.receipt_handle for e in events], seconds)
        result.failed = everyone
        result.handed_back_for = seconds
        return result

    if gate is not None and gate.closed_for() > opts.max_inline_wait:
        return hand_back(gate.closed_for())
    uow = uow_factory()
    with uow:
        repo = uow.integrations
        fresh = [
            e
            for e in events
            if e.detail_type in FORWARDED and repo.claim_event(CONSUMER, UUID(e.detail["event_id"]))
        ]
        if not fresh:
            uow.commit()
            result.acknowledged = everyone
            return result
        message = input_event([clubos_item(uow, e.detail_type, e.detail) for e in fresh])
        client.time_left = lambda: time_left() - opts.margin_seconds
        try:
            while True:
                try:
                    result.requests += 1
                    send(client, message)
                    break
                except RateLimited as exc:
                    wait = (
                        exc.retry_after if exc.retry_after is not None else DEFAULT_RATE_LIMIT_WAIT
                    )
                    if (
                        wait <= opts.max_inline_wait
                        and wait + 2 * opts.margin_seconds < time_left()
                    ):
                        sleep(wait)
                        result.inline_wait += wait
                        continue
                    if gate is not None:
                        gate.close(wait)
                    logger.warning("ClubOS rate limit: batch back to the queue for %.0fs", wait)
                    return hand_back(wait)  # leaving the block rolls the claims back
        except IntegrationError as exc:
            logger.error("ClubOS delivery failed; SQS will offer the batch again: %s", exc)
            result.failed = everyone
            return result
        finally:
            client.time_left = None
        uow.commit()
    result.acknowledged = everyone
    result.sent_events = len(fresh)
    return result
