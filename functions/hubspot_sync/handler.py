"""Scheduled every 5 minutes: upsert members from HubSpot contacts modified since the watermark."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services.integrations.hubspot import sync_contacts
from booking.services.operations import record_sync_run

logger = Logger(service="hubspot-sync")


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run one incremental sync; its user.synced events are published after each commit."""
    rt = runtime.default()
    try:
        report = sync_contacts(rt.unit_of_work, rt.hubspot())
    except Exception as exc:
        # Recorded for the operations screen, then raised so the run counts as failed.
        record_sync_run(rt.unit_of_work(), at=rt.now(), outcome="error", error=str(exc)[:500])
        raise
    record_sync_run(rt.unit_of_work(), at=rt.now(), outcome="ok", report=dict(report.__dict__))
    logger.info("synced", extra={"report": report.__dict__})
    return dict(report.__dict__)
