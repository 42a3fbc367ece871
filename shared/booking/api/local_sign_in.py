"""Sign-in for the local stack, where there is no Cognito.

The seeded people sign in with their e-mail and the stack's one local password, and get a
token shaped like a Cognito id token (``email``, ``cognito:groups``, ``custom:user_id``) plus the
platform's own ``role`` claim, signed with the local HS256 secret. The function serving it is
deployed only when the template is told it runs locally (``LocalSignInPassword`` set).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import BaseModel, ConfigDict, Field

from booking.api import context
from booking.api.auth import ALL_LOCATIONS, Unauthorized, issue_token
from booking.api.responses import ERRORS
from booking.config import jwt_secret, settings
from booking.domain.errors import NotFound
from booking.services.ports import UnitOfWork

router = Router()

# People who are not members: the local stand-ins for the staff, admin and kiosk groups.
# ``staff@`` is HQ staff (every location), ``kiosk@`` the first club's kiosk; ``staff-<slug>@``
# and ``kiosk-<slug>@`` serve the club with that slug only.
STAFF_ROLES = ("staff", "admin", "kiosk")
DOMAIN = "@example.com"


class SignInRefused(Unauthorized):
    """Unknown e-mail or wrong password (401; which one is not said)."""

    code = "SIGN_IN_REFUSED"


@dataclass(frozen=True)
class SignedIn:
    """A session: the token to send as ``Authorization: Bearer`` and when it stops working."""

    id_token: str
    role: str
    email: str
    expires_at: datetime


def _staff_scope(address: str, uow: UnitOfWork) -> tuple[str, list[str]] | None:
    """(role, locations claim) of a staff, admin or kiosk address; None for anyone else."""
    if not address.endswith(DOMAIN):
        return None
    role, _, slug = address.removesuffix(DOMAIN).partition("-")
    if role not in STAFF_ROLES or (role == "admin" and slug):
        return None
    if role == "admin" or (role == "staff" and not slug):
        return role, [ALL_LOCATIONS]
    with uow:
        clubs = sorted(uow.locations.list(), key=lambda loc: loc.slug)
    chosen = [c for c in clubs if c.slug == slug] if slug else clubs[:1]
    if not chosen:
        return None
    return role, [str(chosen[0].id)]


def sign_in(
    email: str,
    password: str,
    uow: UnitOfWork,
    *,
    expected_password: str | None,
    secret: str | None,
    ttl_seconds: int,
    now: datetime | None = None,
) -> SignedIn:
    """Check ``password`` and issue a token for the seeded person with ``email``."""
    if not expected_password or not secret:
        # As if the route were absent, which it is wherever the stack is not local.
        raise NotFound("local sign-in is off on this stack", code="SIGN_IN_UNAVAILABLE")
    # Compared in constant time, and before the look-up, so timing tells nothing either way.
    if not hmac.compare_digest(password.encode(), expected_password.encode()):
        raise SignInRefused("e-mail or password not recognised")
    address = email.strip().lower()
    sub = address
    user_id: str | None = None
    staff = _staff_scope(address, uow)
    if staff is not None:
        role, locations = staff
    else:
        with uow:
            user = uow.users.by_email(address)
        if user is None:
            raise SignInRefused("e-mail or password not recognised")
        role, sub, user_id, locations = "member", str(user.id), str(user.id), None
    extra: dict[str, object] = {"cognito:groups": [role], "token_use": "id"}
    if user_id:
        extra["custom:user_id"] = user_id
    issued = now or datetime.now(UTC)
    token = issue_token(
        role=role,
        sub=sub,
        secret=secret,
        email=address,
        ttl_seconds=ttl_seconds,
        locations=locations,
        extra_claims=extra,
    )
    return SignedIn(
        id_token=token,
        role=role,
        email=address,
        expires_at=issued + timedelta(seconds=ttl_seconds),
    )


class SignInBody(BaseModel):
    """``POST /auth/local/sign-in``."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=200)


class SessionOut(BaseModel):
    """A signed-in session."""

    id_token: str
    token_type: str = "Bearer"
    role: str
    email: str
    expires_at: datetime


@router.post(
    "/auth/local/sign-in",
    summary="Sign in on the local stack (no Cognito there)",
    responses=ERRORS,
)
def local_sign_in(body: SignInBody) -> SessionOut:
    """Exchange a seeded person's e-mail and the local password for a Cognito-shaped token."""
    s = settings()
    done = sign_in(
        body.email,
        body.password,
        context.unit_of_work(),
        expected_password=s.local_sign_in_password,
        secret=jwt_secret(),
        ttl_seconds=s.session_ttl_seconds,
        now=context.now(),
    )
    return SessionOut(
        id_token=done.id_token, role=done.role, email=done.email, expires_at=done.expires_at
    )
