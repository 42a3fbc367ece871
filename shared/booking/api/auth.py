"""JWT verification shared by the Lambda authorizer and the API functions.

Tokens carry ``sub`` (the member's user id, or a name for staff/kiosk/service callers), ``role``
(member, staff, admin, kiosk, service), optional ``email`` and ``locations``: the location ids a
staff member or kiosk serves, required on their tokens (``["*"]`` for HQ staff). Locally they
are HS256 with ``JWT_SECRET``; in production a JWKS URL (``JWT_JWKS_URL``) verifies RS256/ES256
tokens of the identity provider.

Refusals say what is wrong in our words (``TOKEN_EXPIRED``, ``INVALID_TOKEN``...), never in
PyJWT's. API Gateway caches the authorizer's answer per token; the context carries ``exp`` so
the functions refuse a token past its expiry even while that answer is cached.
"""

from __future__ import annotations

import functools
import time
import uuid
from typing import TYPE_CHECKING, Any

from booking.config import jwt_secret, settings
from booking.domain.actors import Actor, Role
from booking.domain.errors import DomainError, ServiceUnavailable

if TYPE_CHECKING:
    import jwt

    from booking.adapters.jwks import ResilientJWKClient

# PyJWT (and the cryptography package under it, and http.client for JWKS) is imported where a
# token is verified or signed, not here: behind API Gateway the authorizer has verified the
# token and the functions read its context, so most API functions never load it.

ALL_LOCATIONS = "*"
"""The ``locations`` claim of HQ staff: every location, stated explicitly."""


class Unauthorized(DomainError):
    """No valid credentials (401)."""

    code = "UNAUTHORIZED"


@functools.cache
def _jwks_client(url: str) -> ResilientJWKClient:
    from booking.adapters.jwks import ResilientJWKClient

    return ResilientJWKClient(url)


@functools.cache
def _refusals() -> list[tuple[type[jwt.PyJWTError], str, str]]:
    """PyJWT's exception -> (our code, our message). Most specific first; the last is the base."""
    import jwt

    return [
        (jwt.ExpiredSignatureError, "TOKEN_EXPIRED", "The token has expired; sign in again"),
        (jwt.ImmatureSignatureError, "TOKEN_NOT_YET_VALID", "The token is not valid yet"),
        (jwt.InvalidAudienceError, "INVALID_TOKEN", "The token was issued for another service"),
        (jwt.InvalidIssuerError, "INVALID_TOKEN", "The token was issued by an unknown issuer"),
        (jwt.MissingRequiredClaimError, "INVALID_TOKEN", "The token lacks a required claim"),
        (jwt.InvalidSignatureError, "INVALID_TOKEN", "The token's signature does not verify"),
        (jwt.InvalidAlgorithmError, "INVALID_TOKEN", "The token is signed with another algorithm"),
        (jwt.DecodeError, "INVALID_TOKEN", "The token is malformed"),
        (jwt.PyJWKClientError, "INVALID_TOKEN", "The token is signed with an unknown key"),
        (jwt.PyJWTError, "INVALID_TOKEN", "The token could not be verified"),
    ]


def _refusal(exc: jwt.PyJWTError) -> DomainError:
    import jwt

    if isinstance(exc, jwt.PyJWKClientConnectionError):
        return ServiceUnavailable(
            "Sign-in keys cannot be fetched right now; try again shortly",
            code="AUTH_KEYS_UNAVAILABLE",
        )
    code, message = next((c, m) for cls, c, m in _refusals() if isinstance(exc, cls))
    details = {"claim": exc.claim} if isinstance(exc, jwt.MissingRequiredClaimError) else {}
    return Unauthorized(message, code=code, details=details)


def verify_token(token: str) -> dict[str, Any]:
    """Verify a bearer token and return its claims.

    Raises ``Unauthorized`` for a bad token and ``ServiceUnavailable`` when the identity
    provider's keys cannot be fetched (and none recent enough are cached).
    """
    import jwt

    s = settings()
    try:
        if s.jwt_jwks_url:
            key: Any = _jwks_client(s.jwt_jwks_url).get_signing_key_from_jwt(token).key
            algorithms = ["RS256", "ES256"]
        else:
            key = jwt_secret()
            if not key:
                raise ServiceUnavailable(
                    "token verification is not configured", code="AUTH_NOT_CONFIGURED"
                )
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
        raise _refusal(exc) from exc
    role = role_of(claims)
    if role is None:
        raise Unauthorized("unknown role in token", code="INVALID_TOKEN")
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


def parse_locations(role: Role, raw: Any) -> tuple[frozenset[uuid.UUID], bool]:
    """The locations a staff or kiosk token serves: (ids, wildcard); raises ``Unauthorized``.

    Fails closed: a staff or kiosk token must name its locations. A missing or empty claim, an
    entry that is not a location id, or a wildcard on a kiosk refuses the token instead of
    widening it. HQ staff carry the explicit wildcard ``["*"]``. Admins and services act on
    every location by role, so their claim is not read. In the authorizer's context the claim
    is a comma-joined string.
    """
    if role not in (Role.STAFF, Role.KIOSK):
        return frozenset(), False
    entries = raw.split(",") if isinstance(raw, str) else raw
    if (
        not isinstance(entries, list)
        or not entries
        or not all(isinstance(x, str) and x for x in entries)
    ):
        raise Unauthorized(
            f"a {role.value} token must name its locations",
            code="LOCATIONS_CLAIM_REQUIRED",
        )
    if ALL_LOCATIONS in entries:
        if role is Role.KIOSK or len(entries) != 1:
            raise Unauthorized(
                "the locations wildcard stands alone and only on HQ staff tokens",
                code="INVALID_LOCATIONS_CLAIM",
            )
        return frozenset(), True
    ids = [_uuid(x) for x in entries]
    if any(x is None for x in ids):
        raise Unauthorized(
            "the token's locations claim holds an entry that is not a location id",
            code="INVALID_LOCATIONS_CLAIM",
        )
    return frozenset(x for x in ids if x is not None), False


def locations_context(actor: Actor) -> str:
    """The ``locations`` value of the authorizer's context for ``actor`` (a string)."""
    if actor.all_locations:
        return ALL_LOCATIONS
    return ",".join(str(x) for x in sorted(actor.location_ids, key=str))


def actor_from_claims(claims: dict[str, Any]) -> Actor:
    """Build the caller from verified claims (or from the authorizer's context)."""
    role = Role(str(claims["role"]))
    # Cognito's ``sub`` is its own id; the member's id travels in ``custom:user_id``.
    user_id = _uuid(claims.get("custom:user_id") or claims.get("user_id") or claims.get("sub"))
    if role is Role.MEMBER and user_id is None:
        raise Unauthorized("a member token needs the member's id as sub")
    locations, everywhere = parse_locations(role, claims.get("locations"))
    return Actor(
        role=role,
        user_id=user_id,
        location_ids=locations,
        all_locations=everywhere,
        subject=str(claims.get("sub", "")),
    )


def _expiry(value: Any) -> float | None:
    try:
        exp = float(value)
    except (TypeError, ValueError):
        return None
    return exp if exp == exp and exp not in (float("inf"), float("-inf")) else None


def actor_from_event(event: dict[str, Any], now: float | None = None) -> Actor:
    """The caller of an API Gateway REST event: the authorizer's context, else the bearer token.

    The context is trusted only with the token's ``exp`` in it, and only until then: API
    Gateway may serve a cached Allow for minutes after a token expired. A context without
    ``exp`` (an older authorizer's) sends us to the token itself. Verifying the token here
    also keeps the functions safe where no authorizer runs (LocalStack's free edition does not
    execute Lambda authorizers) and when a function is invoked directly.
    """
    context: dict[str, Any] = dict((event.get("requestContext") or {}).get("authorizer") or {})
    if context.get("role"):
        exp = _expiry(context.get("exp"))
        if exp is not None:
            if exp <= (time.time() if now is None else now):
                raise Unauthorized("The token has expired; sign in again", code="TOKEN_EXPIRED")
            return actor_from_claims(context)
    headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
    return actor_from_claims(verify_token(bearer(headers.get("authorization"))))


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
    import jwt

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
