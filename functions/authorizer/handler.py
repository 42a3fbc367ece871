"""API Gateway TOKEN authorizer: verifies the caller's JWT and passes its claims on."""

from __future__ import annotations

from typing import Any

# Every invocation verifies a token, so PyJWT (with cryptography) is loaded in the init phase
# here; booking.api.auth itself imports it on first use, for the functions behind the authorizer.
import jwt  # noqa: F401
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.api.auth import (
    Unauthorized,
    actor_from_claims,
    bearer,
    locations_context,
    verify_token,
)

logger = Logger(service="authorizer")


def _api_wildcard(method_arn: str) -> str:
    """``arn:...:apiId/stage/*/*`` so one cached decision covers every route of the API."""
    head, _, path = method_arn.partition("/")
    stage = path.split("/", 1)[0]
    return f"{head}/{stage}/*/*"


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Allow with the caller's claims as context; a bad token is answered 401 by API Gateway."""
    try:
        claims = verify_token(bearer(event.get("authorizationToken")))
        actor = actor_from_claims(claims)
    except Unauthorized as exc:
        logger.info("token refused", extra={"reason": exc.code, "detail": exc.message})
        raise Exception("Unauthorized") from exc  # the exact message API Gateway maps to 401
    # Any other error (the identity provider's keys unreachable) is an authorizer failure,
    # which API Gateway answers with its AUTHORIZER_FAILURE response (503), not a 401.
    return {
        "principalId": actor.subject or str(actor.user_id),
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "execute-api:Invoke",
                    "Effect": "Allow",
                    "Resource": _api_wildcard(event["methodArn"]),
                }
            ],
        },
        # Context values must be strings, numbers or booleans.
        "context": {
            "role": actor.role.value,
            "sub": actor.subject,
            "user_id": str(actor.user_id or ""),
            "locations": locations_context(actor),
            # The functions refuse the cached answer past this instant (see actor_from_event).
            "exp": int(claims["exp"]),
        },
    }
