"""Bounded evaluation of CEL conditions that loop.

The CEL library has no cost limit, and it holds the GIL for a whole evaluation: neither a
thread nor a signal can stop a condition that runs for seconds, and a comprehension nested a
few levels over a member's tags is exponential in their number. So:

* A condition without a comprehension macro (``all``, ``exists``, ``exists_one``, ``map``,
  ``filter``) does a bounded amount of work (linear in its 2000-character text and the
  context) and runs in-process, as before: the default rules all do.
* A condition with one runs in a helper process forked on first use, with a deadline. When
  the deadline passes the helper is killed (it is forked again on the next need) and the
  condition counts as failed, which refuses the booking (fail closed).

Detection over-approximates on purpose: a macro name in a string literal, a comment or a
quoted identifier sends a condition to the helper too; only needless isolation is lost.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

_LOOPING = re.compile(r"\b(?:all|exists|exists_one|map|filter)\s*\(")


@functools.lru_cache(maxsize=1024)
def loops(expression: str) -> bool:
    """Whether a condition may iterate (and so must run under a deadline). Cached: every
    booking check asks it of every rule."""
    return bool(_LOOPING.search(expression)) or "//" in expression or "`" in expression


def _serve(requests: Connection, parent_end: Connection) -> None:
    """The helper: compile and run conditions until the parent goes away."""
    import cel

    parent_end.close()
    programs: dict[str, Any] = {}
    while True:
        try:
            expression, context = requests.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            program = programs.get(expression)
            if program is None:
                program = programs[expression] = cel.compile(expression)
            reply: tuple[str, Any] = ("ok", program.execute(dict(context)) is True)
        except Exception as exc:  # every failure is reported; none ends the helper
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            requests.send(reply)
        except (EOFError, OSError):
            os._exit(0)


class Timeout(Exception):
    """The condition did not finish before its deadline."""


class EvaluationFailed(Exception):
    """The condition raised while being evaluated."""


class _Helper:
    """One forked helper process and the pipe to it; requests are served one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._owner = os.getpid()

    def _start(self) -> Connection:
        # Imported on first use: most processes never meet a looping condition.
        import multiprocessing

        import cel  # noqa: F401 - loaded before forking, so the helper need not import it

        ctx = multiprocessing.get_context("fork")
        parent_end, child_end = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child_end, parent_end), daemon=True)
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end
        return parent_end

    def _kill(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            with contextlib.suppress(Exception):
                self._process.kill()
                self._process.join(1)
        self._process = self._conn = None

    def run(self, expression: str, context: Mapping[str, Any], timeout: float) -> bool:
        """The condition's result, or ``Timeout`` / ``EvaluationFailed``."""
        with self._lock:
            if self._owner != os.getpid():
                # Inherited through a fork (a test worker, a helper): that helper is the
                # parent's; this process starts its own.
                self._process = self._conn = None
                self._owner = os.getpid()
            conn = self._conn
            if conn is None or self._process is None or not self._process.is_alive():
                self._kill()
                conn = self._start()
            try:
                conn.send((expression, dict(context)))
                ready = conn.poll(max(timeout, 0.0))
                if not ready:
                    self._kill()
                    raise Timeout(f"condition ran longer than {timeout * 1000:.0f} ms")
                status, value = conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._kill()
                raise EvaluationFailed(f"evaluator process failed: {exc}") from exc
        if status != "ok":
            raise EvaluationFailed(str(value))
        return bool(value)


_helper = _Helper()


def run_bounded(expression: str, context: Mapping[str, Any], timeout: float) -> bool:
    """Evaluate a looping condition in the helper, giving up after ``timeout`` seconds."""
    return _helper.run(expression, context, timeout)


def deadline_seconds() -> float:
    """Per-condition deadline: ``RULE_EVALUATION_TIMEOUT_MS`` (default 100 ms)."""
    raw = os.environ.get("RULE_EVALUATION_TIMEOUT_MS", "").strip()
    return (int(raw) if raw.isascii() and raw.isdigit() else 100) / 1000


def budget_seconds() -> float:
    """All looping conditions of one check together: ``RULE_EVALUATION_BUDGET_MS`` (250 ms)."""
    raw = os.environ.get("RULE_EVALUATION_BUDGET_MS", "").strip()
    return (int(raw) if raw.isascii() and raw.isdigit() else 250) / 1000


def monotonic() -> float:
    """The clock budgets are measured with."""
    return time.monotonic()
