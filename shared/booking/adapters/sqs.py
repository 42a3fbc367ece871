"""SQS message visibility: hand received messages back to the queue for a while."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

logger = logging.getLogger(__name__)

MAX_ENTRIES_PER_CALL = 10
"""ChangeMessageVisibilityBatch takes at most 10 entries per request."""


def sqs_client() -> Any:
    """A boto3 SQS client (imported here so that nothing connects at import)."""
    import boto3

    return boto3.client("sqs")


class SqsVisibility:
    """``VisibilityPort`` over ``ChangeMessageVisibilityBatch``."""

    def __init__(self, queue_url: str, client: Any = None) -> None:
        self.queue_url = queue_url
        self._client = client

    @property
    def client(self) -> Any:
        """The boto3 client, created on first use."""
        if self._client is None:
            self._client = sqs_client()
        return self._client

    def delay(self, receipt_handles: Sequence[str], seconds: int) -> None:
        """Make the messages visible again after ``seconds``.

        A change that fails is logged, not raised: the message is then offered again after the
        queue's own visibility timeout, which is early but harmless (the consumer is idempotent).
        """
        handles = list(dict.fromkeys(receipt_handles))
        for start in range(0, len(handles), MAX_ENTRIES_PER_CALL):
            chunk = handles[start : start + MAX_ENTRIES_PER_CALL]
            entries = [
                {"Id": str(i), "ReceiptHandle": h, "VisibilityTimeout": seconds}
                for i, h in enumerate(chunk)
            ]
            try:
                answer = self.client.change_message_visibility_batch(
                    QueueUrl=self.queue_url, Entries=entries
                )
            except (BotoCoreError, ClientError) as exc:
                logger.warning("could not change visibility of %d messages: %s", len(chunk), exc)
                continue
            for failure in answer.get("Failed", []):
                logger.warning("visibility change refused: %s", failure)
