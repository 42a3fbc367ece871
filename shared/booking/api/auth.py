"""JWT verification shared by the Lambda authorizer and the API functions.

Tokens carry ``sub`` (the member's user id, or a name for staff/kiosk/service callers), ``role``
(member, staff, admin, kiosk, service), optional ``email`` and ``locations`` (location ids a
staff member or kiosk serves). Locally they are HS256 with ``JWT_SECRET``; in production a JWKS
URL (``JWT_JWKS_URL``) verifies RS256/ES256 tokens of the identity provider.
"""

from __future__ import annotations

import functools
import time
import uuid
from typing import Any

import jwt

from booking.config import jwt_secret, settings
from booking.domain.actors import Actor, Role
from booking.domain.errors import DomainError


class Unauthorized(DomainError):
    """No valid credentials (401)."""

    code = "UNAUTHORIZED"


@functools.cache
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600)


def verify_token(token: str) -> dict[str, Any]:
    """Verify a bearer token and return its claims; raises ``Unauthorized``."""
    s = settings()
    try:
        if s.jwt_jwks_url:
            key: Any = _jwks_client(s.jwt_jwks_url).get_signing_key_from_jwt(token).key
            algorithms = ["RS256", "ES256"]
        else:
            key = jwt_secret()
            if not key:
                raise Unauthorized("token verification is not configured")
            algorithms = ["HS256"]
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=s.jwt_audience,
            issuer=s.jwt_issuer,
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"invalid token: {exc}") from exc
    role = role_of(claims)
    if role is None:
        raise Unauthorized("unknown role in token")
    claims["role"] = role
    return claims


def role_of(claims: dict[str, Any]) -> str | None:
    """The caller's role: the ``role`` claim, else the first known Cognito group.

    Cognito id tokens carry the user pool groups in ``cognito:groups``; the local sign-in
    issues both forms, so the apps and the API read one shape everywhere.
    """
    known = {r.value for r in Role}
    if claims.get("role") in known:
        return str(claims["role"])
    groups = claims.get("cognito:groups") or []
    if isinstance(groups, str):
        groups = [groups]
    # Most privileged first, so a person in two groups gets the stronger role.
    for role in ("admin", "staff", "kiosk", "service", "member"):
        if role in groups:
            return role
    return None


def bearer(header: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; raises ``Unauthorized``."""
    if not header:
        raise Unauthorized("missing Authorization header")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("expected 'Authorization: Bearer <token>'")
    return token.strip()


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def actor_from_claims(claims: dict[str, Any]) -> Actor:
    """Build the caller from verified claims (or from the authorizer's context)."""
    role = Role(str(claims["role"]))
    # Cognito's ``sub`` is its own id; the member's id travels in ``custom:user_id``.
    user_id = _uuid(claims.get("custom:user_id") or claims.get("user_id") or claims.get("sub"))
    if role is Role.MEMBER and user_id is None:
        raise Unauthorized("a member token needs the member's id as sub")
    raw_locations = claims.get("locations") or []
    if isinstance(raw_locations, str):  # authorizer context values are strings
        raw_locations = [x for x in raw_locations.split(",") if x]
    locations = frozenset(u for u in (_uuid(x) for x in raw_locations) if u)
    return Actor(
        role=role, user_id=user_id, location_ids=locations, subject=str(claims.get("sub", ""))
    )


def issue_token(
    *,
    role: str,
    sub: str,
    secret: str,
    email: str | None = None,
    locations: list[str] | None = None,
    ttl_seconds: int = 12 * 3600,
    issuer: str | None = None,
    audience: str | None = None,
    extra_claims: dict[str, Any] | None = None,
) -> str:
    """Sign an HS256 token (development, tests and the local sign-in)."""
    s = settings()
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": sub,
        "role": role,
        "iat": now,
        "exp": now + ttl_seconds,
        "iss": issuer or s.jwt_issuer,
        "aud": audience or s.jwt_audience,
    }
    if email:
        claims["email"] = email
    if locations:
        claims["locations"] = locations
    claims.update(extra_claims or {})
    return jwt.encode(claims, secret, algorithm="HS256")
