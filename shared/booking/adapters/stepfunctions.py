"""Step Functions calls of the lifecycle starter: start, stop and name booking executions.

The boto3 client is injected (tests pass moto's) or created on first use, never at import.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError


class StepFunctions:
    """Executions of one state machine."""

    def __init__(self, state_machine_arn: str, client: Any = None) -> None:
        if ":stateMachine:" not in state_machine_arn:
            raise ValueError(f"not a state machine ARN: {state_machine_arn!r}")
        self.state_machine_arn = state_machine_arn
        self._client = client

    @property
    def client(self) -> Any:
        """The boto3 Step Functions client (created lazily)."""
        if self._client is None:
            import boto3

            self._client = boto3.client("stepfunctions")
        return self._client

    def execution_arn(self, name: str) -> str:
        """The ARN an execution called ``name`` of this state machine has (or would have)."""
        return self.state_machine_arn.replace(":stateMachine:", ":execution:", 1) + ":" + name

    def start(self, name: str, payload: dict[str, Any]) -> tuple[str, bool]:
        """Start the execution ``name``; returns (its ARN, whether this call started it).

        Names are unique per state machine, so a re-delivered event finds the execution already
        there (``ExecutionAlreadyExists``) and nothing runs twice.
        """
        existing = self.execution_arn(name)
        if self.status(existing) is not None:
            # A repeated start with the same input would succeed too; this tells the caller.
            return existing, False
        try:
            answer = self.client.start_execution(
                stateMachineArn=self.state_machine_arn,
                name=name,
                input=json.dumps(payload, default=str),
            )
        except ClientError as exc:
            if _code(exc) == "ExecutionAlreadyExists":
                return self.execution_arn(name), False
            raise
        return str(answer["executionArn"]), True

    def stop(self, execution_arn: str, cause: str) -> bool:
        """Stop a running execution; False when it is unknown or no longer running."""
        try:
            described = self.client.describe_execution(executionArn=execution_arn)
        except ClientError as exc:
            if _code(exc) in ("ExecutionDoesNotExist", "InvalidArn"):
                return False
            raise
        if described.get("status") != "RUNNING":
            return False
        try:
            self.client.stop_execution(
                executionArn=execution_arn, error="BookingChanged", cause=cause[:32768]
            )
        except ClientError as exc:
            if _code(exc) == "ExecutionDoesNotExist":
                return False
            raise
        return True

    def status(self, execution_arn: str) -> str | None:
        """RUNNING, SUCCEEDED, FAILED, ABORTED, TIMED_OUT, or None for an unknown execution."""
        try:
            described = self.client.describe_execution(executionArn=execution_arn)
        except ClientError as exc:
            if _code(exc) in ("ExecutionDoesNotExist", "InvalidArn"):
                return None
            raise
        return str(described["status"])


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
