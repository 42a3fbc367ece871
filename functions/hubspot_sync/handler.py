"""Scheduled every 5 minutes: upsert members from HubSpot contacts modified since the watermark."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.hubspot import HubSpotClient
from booking.api import context as api_context
from booking.services.integrations.hubspot import sync_contacts
from booking.services.operations import record_sync_run

logger = Logger(service="hubspot-sync")


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run one incremental sync; its user.synced events are published after each commit."""
    try:
        report = sync_contacts(
            api_context.database(),
            HubSpotClient.from_settings(),
            unit_of_work=api_context.unit_of_work,
        )
    except Exception as exc:
        # Recorded for the operations screen, then raised so the run counts as failed.
        record_sync_run(
            api_context.unit_of_work(), at=api_context.now(), outcome="error", error=str(exc)[:500]
        )
        raise
    record_sync_run(
        api_context.unit_of_work(), at=api_context.now(), outcome="ok", report=dict(report.__dict__)
    )
    logger.info("synced", extra={"report": report.__dict__})
    return dict(report.__dict__)
