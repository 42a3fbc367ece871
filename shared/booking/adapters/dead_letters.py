"""The consumers' dead-letter queues on SQS: counts, a peek at the messages, replay.

Every message is an EventBridge event (what a rule could not deliver, or what the function
failed on after Lambda's retries). A replay puts each back on the bus with its source,
detail-type and detail, then deletes it; consumers are idempotent by ``event_id``, so one that
had already handled the event ignores it. ``make replay-dlq`` and the operations API share it.

Queues are named per consumer in ``DEAD_LETTER_QUEUES`` (``name=url`` pairs separated by
commas, set by the template from the queues it creates). The SQS and EventBridge clients are
injected, so tests use moto and the functions use boto3's defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any


def queues_from_env(value: str | None = None) -> dict[str, str]:
    """Consumer name -> queue URL from ``DEAD_LETTER_QUEUES``."""
    raw = os.environ.get("DEAD_LETTER_QUEUES", "") if value is None else value
    out: dict[str, str] = {}
    for pair in raw.split(","):
        name, sep, url = pair.strip().partition("=")
        if sep and name.strip() and url.strip():
            out[name.strip()] = url.strip()
    return out


@dataclass(frozen=True)
class DeadLetter:
    """One message of a dead-letter queue, as far as it can be read."""

    message_id: str
    detail_type: str | None
    event_id: str | None
    booking_id: str | None
    received_count: int
    body: str


@dataclass
class ReplayReport:
    """Messages re-driven and those left in place (not an event, or PutEvents rejected it)."""

    replayed: int = 0
    left: int = 0


def replay_queue(sqs: Any, events: Any, queue_url: str, bus_name: str) -> ReplayReport:
    """Put every message of one queue back on the bus; delete those the bus accepted."""
    report = ReplayReport()
    seen: set[str] = set()
    while True:
        got = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0, VisibilityTimeout=60
        )
        messages = []
        for message in got.get("Messages", []):
            if message["MessageId"] in seen:
                _leave(sqs, queue_url, message)  # one left earlier in this run
            else:
                messages.append(message)
        if not messages:
            return report
        for message in messages:
            seen.add(message["MessageId"])
            try:
                event = json.loads(message["Body"])
                entry = {
                    "EventBusName": bus_name,
                    "Source": event["source"],
                    "DetailType": event["detail-type"],
                    "Detail": json.dumps(event["detail"]),
                }
            except (ValueError, KeyError, TypeError):
                _leave(sqs, queue_url, message)
                report.left += 1
                continue
            answer = events.put_events(Entries=[entry])
            if answer.get("FailedEntryCount"):
                _leave(sqs, queue_url, message)
                report.left += 1
                continue
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            report.replayed += 1


def _leave(sqs: Any, queue_url: str, message: dict[str, Any]) -> None:
    """Make a message that was not replayed visible again at once, for inspection."""
    sqs.change_message_visibility(
        QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
    )


class SqsDeadLetters:
    """Dead-letter queues of the consumers (an adapter over injected boto3 clients).

    ``sqs`` and ``events`` are clients or zero-argument factories of them: the factories run on
    first use, so naming the consumers needs no AWS configuration at all.
    """

    def __init__(self, sqs: Any, events: Any, queues: dict[str, str], bus_name: str) -> None:
        self._sqs = sqs
        self._events = events
        self.queues = queues
        self.bus_name = bus_name

    @property
    def sqs(self) -> Any:
        """The SQS client (made on first use when a factory was given)."""
        if callable(self._sqs) and not hasattr(self._sqs, "receive_message"):
            self._sqs = self._sqs()
        return self._sqs

    @property
    def events(self) -> Any:
        """The EventBridge client (made on first use when a factory was given)."""
        if callable(self._events) and not hasattr(self._events, "put_events"):
            self._events = self._events()
        return self._events

    def consumers(self) -> list[str]:
        """Names of the consumers with a queue."""
        return sorted(self.queues)

    def count(self, consumer: str) -> int:
        """Messages waiting (visible and in flight)."""
        attrs = self.sqs.get_queue_attributes(
            QueueUrl=self.queues[consumer],
            AttributeNames=[
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
            ],
        )["Attributes"]
        return int(attrs.get("ApproximateNumberOfMessages", 0)) + int(
            attrs.get("ApproximateNumberOfMessagesNotVisible", 0)
        )

    def peek(self, consumer: str, limit: int = 10) -> list[DeadLetter]:
        """Up to ``limit`` messages, made visible again at once (nothing is deleted)."""
        url = self.queues[consumer]
        got = self.sqs.receive_message(
            QueueUrl=url,
            MaxNumberOfMessages=max(1, min(limit, 10)),
            WaitTimeSeconds=0,
            VisibilityTimeout=5,
            AttributeNames=["ApproximateReceiveCount"],
        )
        out = []
        for message in got.get("Messages", []):
            self.sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
            out.append(_read(message))
        return out

    def replay(self, consumer: str) -> ReplayReport:
        """Put every message of the consumer's queue back on the bus (see ``replay_queue``)."""
        return replay_queue(self.sqs, self.events, self.queues[consumer], self.bus_name)


def _read(message: dict[str, Any]) -> DeadLetter:
    body = message.get("Body", "")
    detail_type = event_id = booking_id = None
    try:
        event = json.loads(body)
        detail_type = event.get("detail-type")
        detail = event.get("detail") or {}
        event_id = detail.get("event_id")
        booking_id = (detail.get("booking") or {}).get("id")
    except (ValueError, AttributeError):
        pass
    return DeadLetter(
        message_id=message["MessageId"],
        detail_type=detail_type,
        event_id=event_id,
        booking_id=booking_id,
        received_count=int((message.get("Attributes") or {}).get("ApproximateReceiveCount", 0)),
        body=body[:4000],
    )


def from_settings() -> SqsDeadLetters:
    """The stack's queues and bus; boto3 clients are made when a queue is first read."""
    import boto3

    make: Any = boto3.client
    return SqsDeadLetters(
        lambda: make("sqs"),
        lambda: make("events"),
        queues_from_env(),
        os.environ.get("EVENT_BUS_NAME", ""),
    )
