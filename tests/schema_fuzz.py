"""Drive every operation of an OpenAPI document with Schemathesis and collect what went wrong.

Shared by the in-process fuzz test and the one through LocalStack: both send the generated
requests their own way and apply the same property (no 5xx, errors in the platform's shape).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode


@dataclass
class FuzzReport:
    """How many requests were sent, which broke the property, which operations had no cases."""

    calls: int = 0
    problems: list[str] = field(default_factory=list)
    unsatisfiable: list[str] = field(default_factory=list)

    def check(self, where: str, status: int, content_type: str, body: str | None) -> None:
        """Record a 5xx, or a 4xx JSON reply that is not ``{"error": {"code", "message"}}``."""
        self.calls += 1
        if status >= 500:
            self.problems.append(f"{where} -> {status}: {(body or '')[:300]}")
        elif status >= 400 and body and "json" in content_type:
            error = json.loads(body).get("error") or {}
            if not (error.get("code") and error.get("message")):
                self.problems.append(f"{where} -> {status}: not the error shape: {body[:300]}")


def fuzz(
    spec: dict[str, Any], send: Callable[[Any, FuzzReport], None], examples: int
) -> FuzzReport:
    """Send ``examples`` valid and invalid requests per operation through ``send``."""
    report = FuzzReport()
    schema = schemathesis.openapi.from_dict(spec)
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                send(case, report)

            try:
                run()
            except Unsatisfiable:
                # e.g. no invalid request exists for an operation without parameters
                report.unsatisfiable.append(
                    f"{mode.value} {operation.method.upper()} {operation.path}"
                )
    return report
