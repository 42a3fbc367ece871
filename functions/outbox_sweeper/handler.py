"""Scheduled every minute: lapse expired waitlist holds (offering each slot to the next in
line), then publish outbox rows left unpublished, and report the lag as metrics."""

from __future__ import annotations

import functools
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.adapters.eventbridge import EventBridgePublisher
from booking.config import settings
from booking.services import publishing
from booking.services.waitlist_offers import sweep_expired_holds

logger = Logger(service="outbox-sweeper")
metrics = Metrics(service="outbox-sweeper")


@functools.cache
def _bus() -> EventBridgePublisher:
    # The sweeper publishes even where EVENT_BUS_NAME is unset (the settings' default bus),
    # unlike after-commit publishing, which is skipped there.
    s = settings()
    return EventBridgePublisher(s.event_bus_name, s.event_source)


@metrics.log_metrics
@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Measure the lag, sweep, and report what was sent and what is still pending."""
    rt = runtime.default()
    uow = rt.plain_unit_of_work
    # Holds never block past their expiry anyway (availability ignores them, a booking attempt
    # lapses them); this passes them to the next in line when nobody is trying to book.
    holds_lapsed = sweep_expired_holds(uow(), rt.now())
    metrics.add_metric(name="WaitlistHoldsLapsed", unit=MetricUnit.Count, value=holds_lapsed)
    before, lag_seconds = publishing.outbox_lag(uow, rt.now())
    report = publishing.sweep(uow, rt.publisher() or _bus())
    after, _ = publishing.outbox_lag(uow, rt.now())
    metrics.add_metric(name="OutboxLagSeconds", unit=MetricUnit.Seconds, value=lag_seconds)
    metrics.add_metric(name="OutboxPending", unit=MetricUnit.Count, value=after.pending)
    metrics.add_metric(name="OutboxPublished", unit=MetricUnit.Count, value=len(report.sent))
    metrics.add_metric(
        name="OutboxPublishFailures", unit=MetricUnit.Count, value=len(report.failed)
    )
    # Rows that will not be published without an operator: alarm on either being above zero.
    metrics.add_metric(name="OutboxParked", unit=MetricUnit.Count, value=len(report.parked))
    metrics.add_metric(name="OutboxParkedTotal", unit=MetricUnit.Count, value=after.parked)
    if report.failed:
        logger.warning(
            "entries rejected", extra={"failed": {str(k): v for k, v in report.failed.items()}}
        )
    return {
        "holds_lapsed": holds_lapsed,
        "pending_before": before.pending,
        "lag_seconds": lag_seconds,
        "published": len(report.sent),
        "failed": len(report.failed),
        "pending_after": after.pending,
        "parked": len(report.parked),
        "parked_total": after.parked,
    }
