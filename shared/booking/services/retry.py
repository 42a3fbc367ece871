"""Running a use case again when PostgreSQL aborted it to settle a race."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from booking.domain.errors import TransientConflict

_ATTEMPTS = 3

P = ParamSpec("P")
T = TypeVar("T")


def retry_transient(fn: Callable[P, T]) -> Callable[P, T]:
    """Run a use case again when PostgreSQL aborted it to break a deadlock.

    Concurrent inserts that overlap can wait on each other's exclusion check; PostgreSQL then
    aborts one of them. Its transaction was rolled back whole, so running it again is safe and
    gives the true answer (usually ``SlotTaken``) instead of a spurious error.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return fn(*args, **kwargs)
            except TransientConflict:
                if attempt == _ATTEMPTS:
                    raise
                # A short, jittered pause lets the transaction that won commit first, so the
                # next attempt sees it instead of waiting on it again.
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    return wrapper
