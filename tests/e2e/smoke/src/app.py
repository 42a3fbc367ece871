"""Functions of the local cloud smoke stack (see ../template.yaml)."""

from __future__ import annotations

import json
import os
import time
from typing import Any

import boto3


class TransientError(Exception):
    """Raised on purpose so that the state machine's Retry has something to retry."""


class SlotTaken(Exception):
    """A domain-style error whose class name the state machine's Catch matches."""


# Attempts per run id; lives as long as the warm execution environment.
_attempts: dict[str, int] = {}


def hello(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """API Gateway proxy handler: greet the name in the path."""
    name = (event.get("pathParameters") or {}).get("name", "nobody")
    body = {"message": f"{os.environ['GREETING']}, {name}", "function": context.function_name}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
    }


def record(event: dict[str, Any], context: Any) -> None:
    """EventBridge target: forward the event's detail to the queue, where the test reads it."""
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=json.dumps(event["detail"]))


def step(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Fail with TransientError until the run has been tried ``fail_times`` times."""
    run_id = event["run_id"]
    _attempts[run_id] = _attempts.get(run_id, 0) + 1
    if _attempts[run_id] <= event.get("fail_times", 0):
        raise TransientError(f"attempt {_attempts[run_id]} of run {run_id}")
    return {"attempts": _attempts[run_id]}


def fail(event: dict[str, Any], context: Any) -> None:
    """Always raise a custom exception."""
    raise SlotTaken(f"slot for run {event.get('run_id')} is taken")


def sleep(event: dict[str, Any], context: Any) -> str:
    """Sleep for ``event["seconds"]``: longer than the function's timeout makes it time out."""
    time.sleep(event["seconds"])
    return "awake"
