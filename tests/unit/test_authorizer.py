"""The TOKEN authorizer, fed by its sample event."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest

from booking.api.auth import issue_token

EVENT = json.loads(
    (Path(__file__).resolve().parents[2] / "events/authorizer/token.json").read_text()
)
SECRET = "unit-" + uuid.uuid4().hex


class Ctx:
    function_name = "authorizer"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:authorizer"
    aws_request_id = "r"


@pytest.fixture(autouse=True)
def _secret(monkeypatch):
    from booking import config

    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.delenv("JWT_JWKS_URL", raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


def _invoke(token: str) -> dict:
    from functions.authorizer.handler import handler

    return handler({**EVENT, "authorizationToken": token}, Ctx())


def test_valid_member_token_allows_the_whole_api_with_claims():
    user = uuid.uuid4()
    policy = _invoke("Bearer " + issue_token(role="member", sub=str(user), secret=SECRET))
    statement = policy["policyDocument"]["Statement"][0]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == "arn:aws:execute-api:us-east-1:000000000000:local/v1/*/*"
    context = policy["context"]
    assert context.pop("exp") > time.time()
    assert context == {
        "role": "member",
        "sub": str(user),
        "user_id": str(user),
        "locations": "",
    }


def test_staff_token_carries_locations():
    loc = uuid.uuid4()
    token = issue_token(role="staff", sub="staff@example.com", secret=SECRET, locations=[str(loc)])
    assert _invoke(f"Bearer {token}")["context"]["locations"] == str(loc)


def test_hq_staff_token_passes_the_wildcard_on():
    token = issue_token(role="staff", sub="hq@example.com", secret=SECRET, locations=["*"])
    assert _invoke(f"Bearer {token}")["context"]["locations"] == "*"


@pytest.mark.parametrize("role", ["staff", "kiosk"])
@pytest.mark.parametrize("locations", [None, ["somewhere"], [str(uuid.uuid4()), "x"]])
def test_staff_and_kiosk_tokens_without_valid_locations_are_unauthorized(role, locations):
    token = issue_token(role=role, sub=f"{role}@example.com", secret=SECRET, locations=locations)
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _invoke(f"Bearer {token}")


@pytest.mark.parametrize(
    "token",
    [
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not.a.jwt",
        "Bearer " + issue_token(role="admin", sub="x", secret="another-secret-of-enough-length"),
        "Bearer "
        + issue_token(role="member", sub=str(uuid.uuid4()), secret=SECRET, ttl_seconds=-10),
        "Bearer " + issue_token(role="wizard", sub="x", secret=SECRET),
        "Bearer " + issue_token(role="member", sub="not-a-uuid", secret=SECRET),
        "Bearer "
        + issue_token(role="member", sub=str(uuid.uuid4()), secret=SECRET, audience="another-api"),
    ],
)
def test_bad_tokens_are_unauthorized(token):
    with pytest.raises(Exception, match=r"^Unauthorized$"):
        _invoke(token)
