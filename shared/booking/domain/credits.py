"""Credit policy: what a cancellation or a reschedule refunds (a no-show refunds nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from booking.domain.settings import RefundStep


def refund_percent(policy: Sequence[RefundStep], *, start: datetime, now: datetime) -> int:
    """The share of a booking's credits cancelling it at ``now`` returns, in percent.

    The first step (largest ``hours_before`` first) whose notice is met decides; with no step
    met nothing is refunded.
    """
    notice = start - now
    for step in sorted(policy, key=lambda s: s.hours_before, reverse=True):
        if notice >= timedelta(hours=step.hours_before):
            return step.refund_percent
    return 0


def cancellation_refund(
    cost: int,
    policy: Sequence[RefundStep],
    *,
    start: datetime,
    now: datetime,
    cap_percent: int = 100,
) -> int:
    """Credits returned when a booking costing ``cost`` is cancelled at ``now``.

    ``cap_percent`` is the booking's refund cap (lowered by reschedules made inside the
    policy's window). Fractions round down, so a refund never exceeds what was paid.
    """
    if cost <= 0:
        return 0
    percent = min(refund_percent(policy, start=start, now=now), cap_percent)
    return cost * percent // 100


def reschedule_terms(
    policy: Sequence[RefundStep],
    *,
    current_start: datetime,
    current_cap: int,
    credit_change: int,
    now: datetime,
) -> tuple[int, int]:
    """How a reschedule settles under the cancellation policy: (credits moved, new cap).

    A reschedule gives up the booking's current time; doing that when cancelling would refund
    only part of the credits must not do better than cancelling: the share refundable now
    becomes the booking's cap, and credits given back by a shorter booking are refunded at
    that share. ``credit_change`` is new cost minus old; the first value is the ledger delta
    (negative: charged).
    """
    cap = min(current_cap, refund_percent(policy, start=current_start, now=now))
    if credit_change >= 0:
        return -credit_change, cap
    return (-credit_change) * cap // 100, cap
