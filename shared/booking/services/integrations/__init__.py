"""Integrations driven by events and webhooks: HubSpot, UniFi Access check-in, ClubOS V3.

Every consumer is idempotent by ``event_id`` (``process_once``): EventBridge delivers at least
once, and a duplicate must not take effect twice.
"""
