"""Schemathesis against the OpenAPI the deployed API serves: whatever a client sends, no 5xx.

Every operation gets valid (positive) and invalid (negative) generated requests, as a member
and as an admin, through API Gateway on LocalStack. Each error reply must be in the platform's
one error shape.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.schema_fuzz import FuzzReport, fuzz

pytestmark = pytest.mark.e2e

EXAMPLES = 6  # per operation, mode and role


@pytest.mark.parametrize("role", ["member", "admin"])
def test_no_server_errors(stack, tokens, role):
    spec = requests.get(stack["api_url"] + "/openapi.json", timeout=30).json()

    def send(case: Any, report: FuzzReport) -> None:
        response = case.call(
            base_url=stack["api_url"],
            headers={"Authorization": f"Bearer {tokens[role]}"},
            timeout=30,
        )
        report.check(
            f"{case.method} {case.formatted_path}",
            response.status_code,
            response.headers.get("content-type", ""),
            response.text,
        )

    report = fuzz(spec, send, EXAMPLES)
    assert report.calls >= 100, f"only {report.calls} requests were generated"
    assert not report.problems, (
        f"{len(report.problems)} of {report.calls} requests failed:\n"
        + "\n".join(report.problems[:20])
    )
    # Only operations without any input may lack negative cases.
    assert all(u.startswith("negative") for u in report.unsatisfiable), report.unsatisfiable
    print(f"{role}: {report.calls} requests, no 5xx")
