"""Webhooks from HubSpot and UniFi Access: no authorizer, the signature is the authentication.

* ``POST /webhooks/hubspot`` - signature v3 over the configured public URL
  (``HUBSPOT_WEBHOOK_URL``, what HubSpot calls; behind a custom domain it differs from what the
  function sees; empty = ``https://`` + the request's domainName and stage path) with the
  app's client secret (``HUBSPOT_CLIENT_SECRET``); the changed contacts are synced at once.
* ``POST /webhooks/unifi`` - ``Signature: t=..,v1=..`` with ``UNIFI_WEBHOOK_SECRET``;
  ``access.door.unlock`` checks the member in to their booking.

A forged, stale or unsigned request gets 401 and changes nothing.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from booking import runtime
from booking.adapters.http import IntegrationError, read_secret, read_setting
from booking.api import context
from booking.api.errors import error_response
from booking.api.responses import reply
from booking.domain.signatures import verify_hubspot_v3, verify_unifi

router = Router()
logger = logging.getLogger(__name__)

HUBSPOT_DELIVERIES = "hubspot-webhook-delivery"


def _unauthorized() -> Response[Any]:
    return error_response(401, "UNAUTHORIZED", "Invalid or expired signature")


def _malformed(expected: str) -> Response[Any]:
    return error_response(400, "MALFORMED_REQUEST", f"expected a JSON {expected}")


def _raw_body() -> bytes:
    event = router.current_event
    return (event.decoded_body or "").encode() if event.body is not None else b""


def _header(name: str) -> str:
    headers = router.current_event.headers or {}
    lowered = {k.lower(): v for k, v in headers.items()}
    return str(lowered.get(name.lower()) or "")


def _called_url() -> str:
    """The public URL API Gateway was called at, when no webhook URL is configured."""
    request = router.current_event.raw_event.get("requestContext") or {}
    domain, path = request.get("domainName"), request.get("path")
    return f"https://{domain}{path}" if domain and path else ""


@router.post("/webhooks/hubspot", include_in_schema=False)
def hubspot_webhook() -> Response[Any]:
    """Verify HubSpot's v3 signature, then sync the contacts that changed."""
    raw = _raw_body()
    secret = read_secret("HUBSPOT_CLIENT_SECRET") or ""
    uri = read_setting("HUBSPOT_WEBHOOK_URL") or _called_url()
    valid = verify_hubspot_v3(
        "POST",
        uri,
        raw,
        _header("X-HubSpot-Request-Timestamp"),
        _header("X-HubSpot-Signature-v3"),
        secret,
        context.now(),
    )
    if not valid or not uri:
        return _unauthorized()
    try:
        events = json.loads(raw or b"[]")
    except ValueError:
        events = None
    if not isinstance(events, list):
        return _malformed("array")
    contact_events = [
        e
        for e in events
        if isinstance(e, dict) and str(e.get("subscriptionType", "")).startswith("contact.")
    ]
    if not contact_events:
        return reply(200, {"synced": 0})
    from booking.services.integrations.hubspot import sync_contacts
    from booking.services.integrations.idempotency import (
        claim_delivery,
        delivery_key,
        release_delivery,
    )

    rt = runtime.default()
    # A replay of this exact delivery (within the signature's 5 minutes) is refused up front.
    key = delivery_key(raw)
    if not claim_delivery(rt.plain_unit_of_work, HUBSPOT_DELIVERIES, key):
        return reply(200, {"synced": 0, "duplicate": True})
    try:
        report = sync_contacts(rt.unit_of_work, rt.hubspot())
    except IntegrationError:
        release_delivery(rt.plain_unit_of_work, HUBSPOT_DELIVERIES, key)
        # 503 makes HubSpot send the webhook again later. What HubSpot said stays in our log.
        logger.exception("syncing contacts for a HubSpot webhook failed")
        return error_response(
            503, "UPSTREAM_UNAVAILABLE", "The CRM could not be reached; retry later"
        )
    except Exception:
        release_delivery(rt.plain_unit_of_work, HUBSPOT_DELIVERIES, key)
        raise
    return reply(200, {"synced": report.seen, "created": report.created, "updated": report.updated})


@router.post("/webhooks/unifi", include_in_schema=False)
def unifi_webhook() -> Response[Any]:
    """Verify UniFi's signature, then check the member in on ``access.door.unlock``."""
    raw = _raw_body()
    secret = read_secret("UNIFI_WEBHOOK_SECRET") or ""
    if not verify_unifi(_header("Signature"), raw, secret, context.now()):
        return _unauthorized()
    try:
        event = json.loads(raw or b"{}")
    except ValueError:
        event = None
    if not isinstance(event, dict):
        return _malformed("object")
    from booking.services.integrations.unifi import handle_door_event

    rt = runtime.default()
    outcome = handle_door_event(rt.unit_of_work, event, rt.now())
    return reply(200, {"status": outcome.status, "booking_id": outcome.booking_id})
