"""Booking events from the ClubOS queue (EventBridge -> SQS) -> ClubOS V3 input events.

Each SQS batch goes to ClubOS as one input event, within the invocation's remaining time; a
long rate-limit wait hands the batch back to the queue instead of sleeping (see
``booking.services.integrations.clubos_queue``). Failed messages are reported per item
(``ReportBatchItemFailures``), so delivered ones are not offered again.
"""

from __future__ import annotations

import functools
import os
import time
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.adapters.sqs import SqsVisibility
from booking.services.integrations import clubos_queue

logger = Logger(service="clubos-consumer")


@functools.cache
def visibility() -> SqsVisibility:
    """Hands batches back to the ClubOS queue."""
    return SqsVisibility(os.environ["CLUBOS_QUEUE_URL"])


# Until when ClubOS refuses this environment's requests (learned from its 429s).
GATE = clubos_queue.RateGate(time.time)


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Deliver the batch; answer the ids of the messages SQS should offer again."""
    events, bad = clubos_queue.parse_records(event.get("Records") or [])
    result = clubos_queue.deliver_batch(
        runtime.default().unit_of_work,
        runtime.default().clubos(),
        events,
        time_left=lambda: context.get_remaining_time_in_millis() / 1000.0,
        sleep=time.sleep,
        visibility=visibility(),
        gate=GATE,
    )
    logger.info(
        "batch",
        extra={
            "received": len(events) + len(bad),
            "sent_events": result.sent_events,
            "failed": len(result.failed) + len(bad),
            "handed_back_for": result.handed_back_for,
        },
    )
    return {"batchItemFailures": [{"itemIdentifier": i} for i in result.failed + bad]}
