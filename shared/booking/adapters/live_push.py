"""Pushing messages to WebSocket clients through API Gateway's ``@connections`` management API.

The endpoint comes from configuration (``LIVE_MANAGEMENT_ENDPOINT``): in AWS it is the WebSocket
API's stage URL (``https://{api-id}.execute-api.{region}.amazonaws.com/{stage}``); locally it is
the development stand-in's management URL (``infra/fakes/live_gateway``), which answers as API
Gateway does, so the same code runs in both places.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

logger = logging.getLogger(__name__)


class PushFailed(RuntimeError):
    """The management API refused or could not be reached (not a gone connection)."""


class ConnectionPusher:
    """Posts JSON messages to connections and closes them; tells gone connections apart."""

    def __init__(self, endpoint_url: str, client: Any | None = None) -> None:
        self.endpoint_url = endpoint_url
        self._client = client

    @property
    def client(self) -> Any:
        """The ``apigatewaymanagementapi`` client, created on first use."""
        if self._client is None:
            import boto3
            from botocore.config import Config

            self._client = boto3.client(
                "apigatewaymanagementapi",
                endpoint_url=self.endpoint_url,
                # A slow or dead connection must not hold up the others: fail fast, no retries
                # (clients poll while they miss pushes).
                config=Config(
                    connect_timeout=2,
                    read_timeout=3,
                    retries={"max_attempts": 1, "mode": "standard"},
                ),
            )
        return self._client

    def post(self, connection_id: str, message: dict[str, Any]) -> bool:
        """Send ``message``; False when the connection is gone (``GoneException``).

        Raises ``PushFailed`` for any other failure.
        """
        data = json.dumps(message, separators=(",", ":"), default=str).encode()
        try:
            self.client.post_to_connection(ConnectionId=connection_id, Data=data)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "GoneException":
                return False
            raise PushFailed(f"post to {connection_id} failed: {exc}") from exc
        except BotoCoreError as exc:
            raise PushFailed(f"post to {connection_id} failed: {exc}") from exc
        return True

    def close(self, connection_id: str) -> None:
        """Close a connection (already gone is fine)."""
        try:
            self.client.delete_connection(ConnectionId=connection_id)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "GoneException":
                logger.warning("closing %s failed: %s", connection_id, exc)
        except BotoCoreError as exc:
            logger.warning("closing %s failed: %s", connection_id, exc)


def pusher_from_settings() -> ConnectionPusher | None:
    """The pusher for ``LIVE_MANAGEMENT_ENDPOINT``, or None where live updates are not set up.

    One per endpoint while the environment is warm: building a boto3 client costs more than
    the posts themselves.
    """
    from booking.config import settings

    endpoint = settings().live_management_endpoint
    return _pusher(endpoint) if endpoint else None


@functools.cache
def _pusher(endpoint: str) -> ConnectionPusher:
    return ConnectionPusher(endpoint)
