"""A bound on the execution environments each function runs at once; further invocations wait.

LocalStack starts a new environment for every invocation that finds none idle. In AWS each
environment has CPU of its own, but here every environment is a process on the same few cores:
a burst of 50 concurrent requests starts 50 interpreters at once, each importing the function
while the others do, and every request waits for all of them (measured before this bound:
GET /availability with 50 callers served 12 req/s at p95 15 s). With the bound, an invocation
that finds the function at its limit waits for one of its environments to be released and
reuses it, as a queue in front of warm environments: throughput stays at what the cores give,
and latency grows with the queue instead of collapsing.

``LAMBDA_PROCESS_MAX_ENVIRONMENTS`` sets the limit per function (default: twice the cores, at
least 2; 0 turns the bound off). It is soft: two invocations can still both miss an idle
environment in the instant between the check and LocalStack's own reservation. An invocation
waits at most ``LAMBDA_PROCESS_QUEUE_SECONDS`` (default 30) before a new environment is
started anyway.

This wraps LocalStack's assignment service (an internal API): it is development tooling for
the local cloud, and each LocalStack upgrade should re-check it (the e2e suite exercises it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

LOG = logging.getLogger(__name__)

_released = threading.Condition()
_starting: dict[str, int] = {}  # function version -> environments being started
_installed = False


def limit() -> int:
    """Environments per function before invocations queue (0: no bound)."""
    raw = os.environ.get("LAMBDA_PROCESS_MAX_ENVIRONMENTS")
    if raw is not None and raw.strip():
        return max(0, int(raw))
    return max(2, 2 * (os.cpu_count() or 1))


def queue_seconds() -> float:
    """How long an invocation waits for a busy function's environment."""
    return float(os.environ.get("LAMBDA_PROCESS_QUEUE_SECONDS") or 30)


def install() -> None:
    """Wrap LocalStack's environment assignment once per process (idempotent)."""
    global _installed
    if _installed or limit() == 0:
        return
    from localstack.services.lambda_.invocation import assignment, execution_environment
    from localstack.services.lambda_.invocation.lambda_models import InitializationType

    environment_class: Any = execution_environment.ExecutionEnvironment
    ready = execution_environment.RuntimeStatus.READY
    original_release = environment_class.release
    original_get = assignment.AssignmentService.get_environment

    def release(self: Any) -> None:
        original_release(self)
        with _released:
            _released.notify_all()

    @contextlib.contextmanager
    def get_environment(
        self: Any, version_manager_id: str, function_version: Any, provisioning_type: Any
    ) -> Iterator[Any]:
        starting = False  # whether this invocation holds one of the function's start slots
        if provisioning_type == InitializationType.on_demand:
            bound, deadline = limit(), time.monotonic() + queue_seconds()
            with _released:
                while True:
                    envs = list(self.environments[version_manager_id].values())
                    if any(e.status == ready for e in envs):
                        break
                    # Environments still starting are not in LocalStack's map yet: count them.
                    if len(envs) + _starting.get(version_manager_id, 0) < bound:
                        starting = True
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        LOG.info("queue wait over for %s: starting one more", version_manager_id)
                        break
                    _released.wait(timeout=min(remaining, 0.5))
                if starting:
                    _starting[version_manager_id] = _starting.get(version_manager_id, 0) + 1

        def done_starting() -> None:
            nonlocal starting
            if starting:
                starting = False
                with _released:
                    _starting[version_manager_id] -= 1
                    _released.notify_all()

        try:
            with original_get(self, version_manager_id, function_version, provisioning_type) as env:
                done_starting()
                yield env
        finally:
            done_starting()

    environment_class.release = release
    assignment.AssignmentService.get_environment = get_environment
    _installed = True
    LOG.info("process executor: at most %d environments per function, then queue", limit())
