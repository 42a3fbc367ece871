"""The identity provider's signing keys (JWKS), fetched with retries and kept across outages.

PyJWT's client caches the key set for ``lifespan`` seconds and then fetches it again; one failed
fetch after that would turn every valid token into a 401. This client retries a fetch a few
times with a short backoff and, when the endpoint stays down, keeps serving the last key set it
fetched for up to ``max_stale_seconds``. A key set is never trusted forever: once it is older
than that, verification fails (503) until the endpoint answers again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import jwt
from jwt.exceptions import PyJWKClientConnectionError

logger = logging.getLogger(__name__)


class ResilientJWKClient(jwt.PyJWKClient):
    """``PyJWKClient`` whose fetches are retried and whose last good key set outlives an outage."""

    def __init__(
        self,
        uri: str,
        *,
        lifespan: float = 600,
        attempts: int = 3,
        backoff_seconds: float = 0.2,
        timeout_seconds: float = 3,
        max_stale_seconds: float = 3600,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(uri, cache_jwk_set=True, lifespan=lifespan, timeout=timeout_seconds)
        self.attempts = max(1, attempts)
        self.backoff_seconds = backoff_seconds
        self.max_stale_seconds = max_stale_seconds
        self._clock = clock
        self._sleep = sleep
        self._last_good: tuple[Any, float] | None = None
        self._lock = threading.Lock()

    def fetch_data(self) -> Any:
        """Fetch the key set, retrying; on a lasting outage, the last good set while fresh enough.

        Raises ``PyJWKClientConnectionError`` when the endpoint is down and no key set younger
        than ``max_stale_seconds`` is at hand.
        """
        failure: PyJWKClientConnectionError | None = None
        for attempt in range(self.attempts):
            if attempt:
                self._sleep(self.backoff_seconds * 2 ** (attempt - 1))
            try:
                data = super().fetch_data()
            except PyJWKClientConnectionError as exc:
                failure = exc
                continue
            with self._lock:
                self._last_good = (data, self._clock())
            return data
        with self._lock:
            last = self._last_good
        if last is not None and self._clock() - last[1] <= self.max_stale_seconds:
            logger.warning(
                "JWKS endpoint unreachable after %d attempt(s); using the key set of %.0f s ago",
                self.attempts,
                self._clock() - last[1],
            )
            return last[0]
        assert failure is not None
        raise failure
