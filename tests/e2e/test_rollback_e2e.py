"""Rollback as far as the local cloud goes: version N live, N+1 published and live, N live again.

Every function publishes a version per deploy behind its ``live`` alias (``AutoPublishAlias`` with
all properties), and API Gateway, the event rules and the schedules call the alias. The session's
stack gives version N. A second deploy of the whole stack would give N+1, but LocalStack's
CloudFormation fails to update this template (``CreateChangeSet``: "maximum recursion depth
exceeded"), so N+1 is made the way that deploy would make it at the Lambda level: new settings,
a published version, the alias moved to it. Pointing ``live`` back at N (what CodeDeploy does on
an alarm, and the runbook's manual rollback) makes N serve again, through the alias and the API.

What only AWS shows: the stack update itself, CodeDeploy's gradual shift (10 % for 5 minutes) and
its alarm-triggered rollback, SnapStart restores, RDS Proxy and Aurora. LocalStack's community
edition has no CodeDeploy (``Platform=localstack`` disables the preference).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import localcloud
import pytest
import requests

from tests.e2e.conftest import STACK_NAME

pytestmark = pytest.mark.e2e

ALIAS = "live"


def _physical(logical_id: str) -> str:
    cfn = localcloud.client("cloudformation")
    res = cfn.describe_stack_resource(StackName=STACK_NAME, LogicalResourceId=logical_id)
    return str(res["StackResourceDetail"]["PhysicalResourceId"])


def _alias_version(fn: str) -> str:
    return str(
        localcloud.client("lambda").get_alias(FunctionName=fn, Name=ALIAS)["FunctionVersion"]
    )


def _log_level(fn: str, version: str) -> str:
    conf = localcloud.client("lambda").get_function_configuration(
        FunctionName=fn, Qualifier=version
    )
    return str(conf["Environment"]["Variables"]["POWERTOOLS_LOG_LEVEL"])


def _invoke_live(fn: str) -> str:
    """Invoke the alias as API Gateway does; the version that ran."""
    event = {
        "resource": "/openapi.json",
        "path": "/openapi.json",
        "httpMethod": "GET",
        "headers": {},
        "queryStringParameters": None,
        "pathParameters": None,
        "requestContext": {"resourcePath": "/openapi.json", "httpMethod": "GET", "stage": "e2e"},
        "body": None,
        "isBase64Encoded": False,
    }
    out = localcloud.client("lambda").invoke(
        FunctionName=fn, Qualifier=ALIAS, Payload=json.dumps(event).encode()
    )
    reply = json.loads(out["Payload"].read())
    assert reply.get("statusCode") == 200, reply
    return str(out["ExecutedVersion"])


@pytest.fixture(scope="module")
def redeployed(stack: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Version N (the session's deploy), then N+1 with another log level, live."""
    lam = localcloud.client("lambda")
    docs = _physical("DocsFunction")
    n = _alias_version(docs)
    before = {"version": n, "level": _log_level(docs, n)}
    level = "DEBUG" if before["level"] != "DEBUG" else "INFO"
    env = lam.get_function_configuration(FunctionName=docs)["Environment"]["Variables"]
    lam.update_function_configuration(
        FunctionName=docs, Environment={"Variables": {**env, "POWERTOOLS_LOG_LEVEL": level}}
    )
    lam.get_waiter("function_updated_v2").wait(FunctionName=docs)
    n1 = str(lam.publish_version(FunctionName=docs)["Version"])
    lam.update_alias(FunctionName=docs, Name=ALIAS, FunctionVersion=n1)
    after = {"version": n1, "level": level}
    try:
        yield {"function": docs, "n": before, "n1": after, "api_url": stack["api_url"]}
    finally:
        # Leave the function as the stack deployed it, for the modules that run after this one.
        lam.update_function_configuration(FunctionName=docs, Environment={"Variables": env})
        lam.update_alias(FunctionName=docs, Name=ALIAS, FunctionVersion=n)


def test_a_new_version_behind_the_alias_serves(redeployed: dict[str, Any]) -> None:
    fn, n, n1 = redeployed["function"], redeployed["n"], redeployed["n1"]
    assert n["version"] != "$LATEST"
    assert int(n1["version"]) > int(n["version"])
    assert _log_level(fn, n["version"]) == n["level"]
    assert _log_level(fn, n1["version"]) == n1["level"]
    assert _invoke_live(fn) == n1["version"]


def test_moving_the_alias_back_serves_version_n_again(redeployed: dict[str, Any]) -> None:
    fn, n = redeployed["function"], redeployed["n"]
    localcloud.client("lambda").update_alias(
        FunctionName=fn, Name=ALIAS, FunctionVersion=n["version"]
    )
    assert _alias_version(fn) == n["version"]
    assert _invoke_live(fn) == n["version"]
    # The API keeps answering through the alias, now from version N.
    r = requests.get(redeployed["api_url"] + "/openapi.json", timeout=60)
    assert r.status_code == 200 and r.json()["openapi"].startswith("3")


def test_every_function_is_served_through_its_live_alias(redeployed: dict[str, Any]) -> None:
    """API routes, event rules and schedules reach the alias, so moving it moves the traffic."""
    lam = localcloud.client("lambda")
    cfn = localcloud.client("cloudformation")
    resources = cfn.list_stack_resources(StackName=STACK_NAME)["StackResourceSummaries"]
    functions = [
        r["PhysicalResourceId"] for r in resources if r["ResourceType"] == "AWS::Lambda::Function"
    ]
    assert functions
    missing = []
    for fn in functions:
        try:
            lam.get_alias(FunctionName=fn, Name=ALIAS)
        except lam.exceptions.ResourceNotFoundException:
            missing.append(fn)
    assert missing == []
