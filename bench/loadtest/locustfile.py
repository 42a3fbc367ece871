"""Locust users for the load test (``python -m bench.loadtest`` runs Locust with this file).

``ApiMember`` calls a deployed API over HTTP (``--host`` is the stage's base URL).
``HandlerMember`` invokes the Lambda handlers in the Locust worker process, with the event
API Gateway would send after its authorizer: each worker process is one execution environment
and serves one request at a time, as Lambda does. Both read the members' tokens from the file
named by ``LOADTEST_MEMBERS`` (written by ``bench.loadtest.members``).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import locust.runners
from locust import HttpUser, User, between, task

from bench.loadtest.journeys import Member, journey

_MEMBERS: list[Member] = [
    Member(m["token"], m["user_id"])
    for m in json.loads(Path(os.environ["LOADTEST_MEMBERS"]).read_text())["members"]
]
if os.environ.get("LOADTEST_IN_PROCESS"):
    from bench.loadtest import inprocess

    inprocess.preload()
    # A worker serves one handler call at a time and its event loop waits meanwhile, as a
    # Lambda environment does; on a loaded machine a few calls in a row outlast Locust's
    # default three missed heartbeats, which would drop a healthy worker.
    locust.runners.HEARTBEAT_LIVENESS = 60

_PROCESSES = max(1, int(os.environ.get("LOADTEST_PROCESSES", "1")))
_NEXT = itertools.count()


def _member(user: User) -> Member:
    """The next member of this worker process's share, so no two users share a member."""
    worker = int(getattr(user.environment.runner, "worker_index", 0) or 0)
    return _MEMBERS[(next(_NEXT) * _PROCESSES + worker) % len(_MEMBERS)]


@dataclass(frozen=True)
class _Request:
    """One request of a journey, as the journey asks for it."""

    method: str
    path: str
    name: str
    ok: tuple[int, ...]
    params: dict[str, str] | None
    body: Any
    headers: dict[str, str]


class _Visitor:
    """What both users share: the journey's call, answered by ``_send`` the user's own way."""

    member: Member
    rng: random.Random

    def _call(
        self,
        method: str,
        path: str,
        name: str,
        *,
        ok: tuple[int, ...] = (200,),
        params: dict[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        return self._send(_Request(method, path, name, ok, params, body, headers or {}))

    def _send(self, request: _Request) -> tuple[int, Any]:
        raise NotImplementedError


class ApiMember(_Visitor, HttpUser):
    """A member using the API over HTTP."""

    wait_time = between(5, 15)  # between visits

    def on_start(self) -> None:
        """Pick this user's member."""
        self.member = _member(self)
        self.rng = random.Random()

    def _send(self, request: _Request) -> tuple[int, Any]:
        with self.client.request(
            request.method,
            request.path.lstrip("/"),
            name=request.name,
            params=request.params,
            json=request.body,
            headers={"Authorization": f"Bearer {self.member.token}", **request.headers},
            catch_response=True,
            timeout=60,
        ) as resp:
            if resp.status_code in request.ok:
                resp.success()
            else:
                resp.failure(f"HTTP {resp.status_code}")
            try:
                return resp.status_code, resp.json()
            except ValueError:
                return resp.status_code, None

    @task
    def visit(self) -> None:
        """One member's visit with think times between steps."""
        journey(self._call, self.rng, lambda: time.sleep(self.rng.uniform(1, 3)))


class HandlerMember(_Visitor, User):
    """A member whose requests are Lambda invocations of the handlers in this process."""

    wait_time = between(5, 15)

    def on_start(self) -> None:
        """Pick this user's member; import the handlers (the environment's cold start)."""
        from bench.loadtest import inprocess

        self.member = _member(self)
        self.rng = random.Random()
        self.invoke = inprocess.invoker(self.member)

    def _send(self, request: _Request) -> tuple[int, Any]:
        begin = time.perf_counter()
        exception: Exception | None = None
        try:
            status, payload, size = self.invoke(
                request.method, request.path, request.params, request.body, request.headers
            )
        except Exception as exc:  # a handler that raises is a 500 in API Gateway
            status, payload, size, exception = 500, None, 0, exc
        if exception is None and status not in request.ok:
            exception = RuntimeError(f"HTTP {status}")
        self.environment.events.request.fire(
            request_type=request.method,
            name=request.name,
            response_time=(time.perf_counter() - begin) * 1000,
            response_length=size,
            exception=exception,
            context={},
        )
        return status, payload

    @task
    def visit(self) -> None:
        """One member's visit; think times yield to the other users of this process."""
        import gevent

        journey(self._call, self.rng, lambda: gevent.sleep(self.rng.uniform(1, 3)))
