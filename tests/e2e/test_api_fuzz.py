"""Schemathesis against the OpenAPI the deployed API serves: whatever a client sends, no 5xx."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def api_schema(stack):
    spec = requests.get(stack["api_url"] + "/openapi.json", timeout=30).json()
    return schemathesis.openapi.from_dict(spec)


schema = schemathesis.pytest.from_fixture("api_schema")


def _check(case, token: str, api_url: str) -> None:
    response = case.call(base_url=api_url, headers={"Authorization": f"Bearer {token}"},
                         timeout=30)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:500]}")
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
            "application/json"):
        error = response.json()["error"]
        assert error["code"] and error["message"]


FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@schema.parametrize()
@FUZZ
def test_no_server_errors_as_member(case, stack, tokens):
    _check(case, tokens["member"], stack["api_url"])


@schema.parametrize()
@FUZZ
def test_no_server_errors_as_admin(case, stack, tokens):
    _check(case, tokens["admin"], stack["api_url"])
