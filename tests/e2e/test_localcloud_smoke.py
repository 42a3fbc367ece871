"""Smoke test of the local cloud: a SAM template deployed to LocalStack really runs.

Deploys tests/e2e/smoke/template.yaml and drives it the way clients and AWS services would:
an HTTP GET through API Gateway, an event on a custom EventBridge bus, a Step Functions
execution with Wait, Retry and Catch around Lambda tasks.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import localcloud
import pytest
import requests

pytestmark = pytest.mark.e2e

TEMPLATE = Path(__file__).parent / "smoke" / "template.yaml"
STACK = "localcloud-smoke"
# Upper bounds for asynchronous effects, so a broken setup fails instead of hanging.
EVENT_DEADLINE_SECONDS = 30
EXECUTION_DEADLINE_SECONDS = 60


@pytest.fixture(scope="module")
def stack() -> dict[str, str]:
    """Outputs of the smoke stack, deployed once per module."""
    try:
        localcloud.ensure_localstack()
    except localcloud.LocalCloudUnavailable as exc:
        pytest.skip(f"local cloud unavailable on this machine: {exc}")
    return localcloud.deploy(TEMPLATE, STACK, {"Greeting": "welcome"})


@pytest.fixture(scope="module")
def execution(stack: dict[str, str]) -> dict[str, Any]:
    """One finished execution of the smoke state machine whose first task fails once."""
    sfn = localcloud.client("stepfunctions")
    started = sfn.start_execution(
        stateMachineArn=stack["StateMachineArn"],
        input=json.dumps({"run_id": str(uuid.uuid4()), "fail_times": 1}),
    )
    deadline = time.monotonic() + EXECUTION_DEADLINE_SECONDS
    while True:
        described: dict[str, Any] = sfn.describe_execution(executionArn=started["executionArn"])
        if described["status"] != "RUNNING" or time.monotonic() > deadline:
            return described
        time.sleep(0.5)


def test_get_through_api_gateway_returns_the_functions_answer(stack: dict[str, str]) -> None:
    url = f"{localcloud.rest_api_url(stack['ApiId'], stack['ApiStage'])}/hello/golfer"

    response = requests.get(url, timeout=30)

    assert response.status_code == 200
    # "welcome" comes from the deploy's parameter override via the function's environment.
    assert response.json()["message"] == "welcome, golfer"


def test_put_events_on_the_custom_bus_reaches_the_target_function(stack: dict[str, str]) -> None:
    marker = str(uuid.uuid4())
    localcloud.client("events").put_events(
        Entries=[
            {
                "EventBusName": stack["BusName"],
                "Source": "smoke.test",
                "DetailType": "SmokeHappened",
                "Detail": json.dumps({"marker": marker}),
            }
        ]
    )

    sqs = localcloud.client("sqs")
    received: list[dict[str, Any]] = []
    deadline = time.monotonic() + EVENT_DEADLINE_SECONDS
    # The queue may hold messages of earlier runs against a reused LocalStack: look for ours.
    while not any(body.get("marker") == marker for body in received):
        if time.monotonic() > deadline:
            break
        answer = sqs.receive_message(QueueUrl=stack["QueueUrl"], WaitTimeSeconds=2)
        received += [json.loads(message["Body"]) for message in answer.get("Messages", [])]

    assert {"marker": marker} in received


def test_state_machine_runs_to_succeeded_after_retrying(execution: dict[str, Any]) -> None:
    assert execution["status"] == "SUCCEEDED"
    # The first attempt raised TransientError; Retry ran the task again.
    assert json.loads(execution["output"])["step"] == {"attempts": 2}


def test_custom_exception_class_name_is_the_error_type(
    stack: dict[str, str], execution: dict[str, Any]
) -> None:
    answer = localcloud.client("lambda").invoke(
        FunctionName=stack["FailingFunctionName"], Payload=json.dumps({"run_id": "direct"})
    )
    error = json.loads(answer["Payload"].read())

    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "SlotTaken"
    assert error["errorMessage"] == "slot for run direct is taken"
    # The state machine's Catch on "SlotTaken" matched the same error by that name.
    assert json.loads(execution["output"])["caught"]["Error"] == "SlotTaken"


def test_a_timed_out_function_reports_sandbox_timedout_and_recovers(stack: dict[str, str]) -> None:
    lambda_ = localcloud.client("lambda")

    late = lambda_.invoke(
        FunctionName=stack["SleepyFunctionName"], Payload=json.dumps({"seconds": 5})
    )
    # The next invocation gets a fresh runtime in place of the one that was killed.
    prompt = lambda_.invoke(
        FunctionName=stack["SleepyFunctionName"], Payload=json.dumps({"seconds": 0})
    )

    assert late["FunctionError"] == "Unhandled"
    assert json.loads(late["Payload"].read())["errorType"] == "Sandbox.Timedout"
    assert "FunctionError" not in prompt
    assert json.loads(prompt["Payload"].read()) == "awake"


def test_a_handler_module_that_cannot_be_imported_reports_import_module_error(
    stack: dict[str, str],
) -> None:
    answer = localcloud.client("lambda").invoke(FunctionName=stack["UnimportableFunctionName"])
    error = json.loads(answer["Payload"].read())

    assert answer["FunctionError"] == "Unhandled"
    assert error["errorType"] == "Runtime.ImportModuleError"
    assert "no_such_module" in error["errorMessage"]
