"""Schemathesis against the OpenAPI the deployed API serves: whatever a client sends, no 5xx.

Every operation gets valid (positive) and invalid (negative) generated requests, as a member
and as an admin, through API Gateway on LocalStack. Each error reply must be in the platform's
one error shape.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.e2e

EXAMPLES = 6  # per operation, mode and role: 28 operations x 2 modes x 2 roles x 6 = 672


def _check(case: Any, token: str, api_url: str, problems: list[str]) -> None:
    response = case.call(base_url=api_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    where = f"{case.method} {case.formatted_path} -> {response.status_code}"
    if response.status_code >= 500:
        problems.append(f"{where}: {response.text[:300]}")
    elif response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        error = response.json().get("error") or {}
        if not (error.get("code") and error.get("message")):
            problems.append(f"{where}: not the error shape: {response.text[:300]}")


@pytest.mark.parametrize("role", ["member", "admin"])
def test_no_server_errors(stack, tokens, role):
    spec = requests.get(stack["api_url"] + "/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(spec)
    problems: list[str] = []
    unsatisfiable: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                nonlocal calls
                calls += 1
                _check(case, tokens[role], stack["api_url"], problems)

            try:
                run()
            except Unsatisfiable:
                # e.g. no invalid request exists for an operation without parameters
                unsatisfiable.append(f"{mode.value} {operation.method.upper()} {operation.path}")
    assert calls >= 100, f"only {calls} requests were generated"
    assert not problems, f"{len(problems)} of {calls} requests failed:\n" + "\n".join(problems[:20])
    # Only operations without any input may lack negative cases.
    assert all(u.startswith("negative") for u in unsatisfiable), unsatisfiable
    print(f"{role}: {calls} requests, no 5xx; no negative cases for {len(unsatisfiable)} ops")
