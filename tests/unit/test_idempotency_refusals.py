"""The replies to Powertools' idempotency refusals on ``POST /bookings`` with a key."""

from __future__ import annotations

import json

from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyPersistenceLayerError,
    IdempotencyValidationError,
)

from booking.api.bookings import _idempotency_reply


def _code(exc: Exception) -> tuple[int, str, dict[str, str]]:
    reply = _idempotency_reply(exc)
    assert reply is not None
    body = reply.body if isinstance(reply.body, dict) else json.loads(reply.body)
    return reply.status_code, body["error"]["code"], dict(reply.headers)


def test_a_key_still_in_progress_is_a_409_to_retry():
    status, code, headers = _code(IdempotencyAlreadyInProgressError("busy"))
    assert (status, code, headers.get("Retry-After")) == (409, "IDEMPOTENCY_IN_PROGRESS", "1")


def test_a_key_reused_for_another_body_is_a_422():
    status, code, _ = _code(IdempotencyValidationError("other body"))
    assert (status, code) == (422, "IDEMPOTENCY_KEY_REUSED")


def test_the_store_failing_is_the_database_unavailable():
    status, code, headers = _code(IdempotencyPersistenceLayerError("down"))
    assert (status, code, headers.get("Retry-After")) == (503, "DATABASE_UNAVAILABLE", "1")


def test_other_errors_are_not_refusals():
    assert _idempotency_reply(ValueError("no")) is None
