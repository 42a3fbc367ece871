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
import os
from typing import Any

from booking.adapters.dead_letters import ReplayReport, replay_queue

DLQ_OUTPUT_SUFFIX = "DlqUrl"


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
