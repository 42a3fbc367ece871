"""Credit policy: what a cancellation refunds (a no-show refunds nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from booking.domain.settings import RefundStep


def cancellation_refund(
    cost: int, policy: Sequence[RefundStep], *, start: datetime, now: datetime
) -> int:
    """Credits returned when a booking costing ``cost`` is cancelled at ``now``.

    The first step (largest ``hours_before`` first) whose notice is met decides; with no step
    met nothing is refunded. Fractions round down, so a refund never exceeds what was paid.
    """
    if cost <= 0:
        return 0
    notice = start - now
    for step in sorted(policy, key=lambda s: s.hours_before, reverse=True):
        if notice >= timedelta(hours=step.hours_before):
            return cost * step.refund_percent // 100
    return 0
