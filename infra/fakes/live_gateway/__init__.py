"""A local stand-in for API Gateway's WebSocket endpoint and its ``@connections`` API.

LocalStack's free edition has no WebSocket APIs, so for development and end-to-end tests this
serves browser WebSockets itself and calls the same route functions API Gateway would, with the
same event shape: ``$connect`` (a non-2xx answer refuses the handshake with 403),
``$disconnect``, and messages routed on ``$request.body.action`` to a declared route or
``$default``. The management API answers like API Gateway's: ``POST``/``GET``/``DELETE
/@connections/{id}``, and an unknown id is 410 with ``x-amzn-ErrorType: GoneException`` so
boto3 raises ``GoneException``. Development tooling only: it is never deployed.
"""

from live_gateway.gateway import LiveGateway, invoke_in_localstack

__all__ = ["LiveGateway", "invoke_in_localstack"]
