"""Waiting for asynchronous effects in the end-to-end tests (events, fakes, pages)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

DEADLINE_SECONDS = 60
"""Upper bound for an asynchronous effect, so a broken setup fails instead of hanging."""


def wait_for(what: str, probe: Callable[[], Any], *, seconds: float = DEADLINE_SECONDS) -> Any:
    """Poll ``probe`` until it returns something truthy; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.3)
