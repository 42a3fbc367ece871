"""Re-drive dead letters: ``make replay-dlq`` (``python -m booking_cli.dlq_replay``).

Every message in the consumers' dead-letter queues is an EventBridge event (what the rule could
not deliver, or what the function failed on after Lambda's retries). Each one is put back on the
bus with its source, detail-type and detail, then deleted from the queue. Consumers are
idempotent by ``event_id``, so a consumer that had already handled the event ignores it.

The stack's outputs name the queues and the bus (``--stack``, default ``$STACK_NAME`` or
``booking-local``). Without ``AWS_ENDPOINT_URL`` and with a ``.run/endpoints.json`` from
``make run``, the local LocalStack is used.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from typing import Any

DLQ_OUTPUT_SUFFIX = "DlqUrl"


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


def _clients(endpoint: str | None) -> tuple[Any, Any, Any]:
    """CloudFormation, SQS and EventBridge clients: on LocalStack when ``endpoint`` names one."""
    if endpoint:
        from booking_cli import localcloud

        return tuple(localcloud.client(s, endpoint) for s in ("cloudformation", "sqs", "events"))
    import boto3

    make: Any = boto3.client
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    return tuple(make(s, region_name=region) for s in ("cloudformation", "sqs", "events"))


def main(argv: list[str] | None = None) -> int:
    """Replay every DLQ of the stack and print what happened."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stack", default=os.environ.get("STACK_NAME", "booking-local"))
    args = parser.parse_args(argv)
    from booking_cli.localcloud import recorded_endpoint

    endpoint = os.environ.get("AWS_ENDPOINT_URL") or recorded_endpoint()
    cfn, sqs, events = _clients(endpoint)
    stack = cfn.describe_stacks(StackName=args.stack)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    total = ReplayReport()
    for key, url in sorted(outputs.items()):
        if not key.endswith(DLQ_OUTPUT_SUFFIX):
            continue
        report = replay_queue(sqs, events, url, outputs["BusName"])
        print(f"{key}: replayed {report.replayed}, left {report.left}")
        total.replayed += report.replayed
        total.left += report.left
    print(f"total: replayed {total.replayed}, left {total.left}")
    return 0 if total.left == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
