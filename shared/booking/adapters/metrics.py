"""Business metrics as CloudWatch embedded-metric log lines (Powertools ``single_metric``).

Each count is written to the function's log as it happens, in the ``POWERTOOLS_METRICS_NAMESPACE``
namespace (``BookingPlatform``) with the dimension ``service=booking``; CloudWatch turns the
lines into metrics, so nothing is called over the network. The dashboard and the runbooks read:

* ``BookingsMade``: ``booking.created`` events put on the bus (after commit or by the sweeper);
* ``NoShows``: ``booking.no_show`` events put on the bus;
* ``BookingConflicts``: create/modify requests answered 409 because the bay was taken.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger(__name__)

SERVICE = "booking"
# Event detail-types counted as they are published, and the metric each one feeds.
EVENT_METRICS = {"booking.created": "BookingsMade", "booking.no_show": "NoShows"}


def count(name: str, value: int = 1) -> None:
    """Add ``value`` to the metric ``name``; never fails the caller."""
    if value <= 0:
        return
    try:
        from aws_lambda_powertools.metrics import MetricUnit, single_metric

        namespace = os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "BookingPlatform"
        with single_metric(
            name=name, unit=MetricUnit.Count, value=value, namespace=namespace
        ) as metric:
            metric.add_dimension(name="service", value=SERVICE)
    except Exception:  # a metric must never cost a booking
        logger.warning("metric %s not recorded", name, exc_info=True)


def count_published(detail_types: list[str]) -> None:
    """Count the business events among those just published."""
    for detail_type, metric in EVENT_METRICS.items():
        count(metric, sum(1 for d in detail_types if d == detail_type))
