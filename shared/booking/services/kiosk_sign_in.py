"""Kiosk sign-in: a member proves who they are at the door with a one-time code from their app.

An e-mail or phone number alone identifies nobody at a kiosk: anyone can type them. So:

* the member's signed-in app asks for a code (``issue_code``): a QR token (128 random bits)
  and a 6-digit code, valid for ``CODE_TTL`` and usable once; a new code replaces the old;
* the kiosk scans the QR token, or takes the 6 digits together with the member's e-mail or
  phone (``sign_in``). Five wrong digits burn the code, so guessing has a 5-in-a-million chance
  per code the member asked for, and only while it is live;
* a redeemed code opens a kiosk session for that member on that kiosk and its location for
  ``SESSION_TTL``; walk-in, check-in and the pass at the kiosk act through the session
  (``member_of_session``), which works on no other kiosk.

Refusals do not say whether the member exists or which part was wrong (``KIOSK_CODE_REFUSED``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, InvalidRequest, NotFound
from booking.domain.models import Location, User
from booking.services.ports import UnitOfWork

CODE_TTL = timedelta(minutes=2)
SESSION_TTL = timedelta(minutes=5)
MAX_FAILURES = 5
TOKEN_PREFIX = "KS1."
"""Marks a scanned kiosk sign-in token (a scanner types it like a keyboard)."""


class SignInRefused(Forbidden):
    """The code, token or session does not prove who the member is (403)."""

    code = "KIOSK_CODE_REFUSED"


@dataclass(frozen=True)
class IssuedCode:
    """What the member's app shows: the QR token and the digits, until ``expires_at``."""

    token: str
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class SignedIn:
    """A kiosk session: hand ``session`` back with each kiosk action until ``expires_at``."""

    session: str
    user: User
    location: Location
    expires_at: datetime


def _sha(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


def _code_hash(code_id: UUID, code: str) -> bytes:
    return _sha(f"{code_id}:{code}")


def issue_code(uow: UnitOfWork, actor: Actor, now: datetime) -> IssuedCode:
    """A fresh one-time sign-in code for the calling member (earlier ones stop working)."""
    actor.require(Role.MEMBER)
    if actor.user_id is None:
        raise NotFound("this caller has no member profile", code="PROFILE_NOT_FOUND")
    token = TOKEN_PREFIX + secrets.token_urlsafe(16)
    code = f"{secrets.randbelow(10**6):06d}"
    code_id = uuid.uuid4()
    expires = now + CODE_TTL
    with uow:
        if uow.users.get(actor.user_id) is None:
            raise NotFound("this caller has no member profile", code="PROFILE_NOT_FOUND")
        uow.kiosk_sign_in.replace_codes(
            code_id=code_id,
            user_id=actor.user_id,
            token_hash=_sha(token),
            code_hash=_code_hash(code_id, code),
            issued_at=now,
            expires_at=expires,
        )
        uow.commit()
    return IssuedCode(token=token, code=code, expires_at=expires)


def kiosk_location(actor: Actor, location_id: UUID | None) -> UUID:
    """The location a kiosk acts for: its token's one location, or the one asked if it serves it."""
    actor.require(Role.KIOSK)
    if location_id is not None:
        if not actor.can_see_location(location_id):
            raise Forbidden("this kiosk does not serve that location", code="LOCATION_FORBIDDEN")
        return location_id
    if len(actor.location_ids) == 1:
        return next(iter(actor.location_ids))
    raise InvalidRequest(
        "location_id is required (the kiosk's token names no single location)",
        code="LOCATION_ID_REQUIRED",
    )


def _refused() -> SignInRefused:
    return SignInRefused(
        "that code did not work: ask your app for a new one and try again",
        details={
            "hint": "scan the code your app shows, or type its 6 digits with your e-mail or phone"
        },
    )


def sign_in(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    token: str | None = None,
    member: User | None = None,
    code: str | None = None,
    location_id: UUID | None = None,
) -> SignedIn:
    """Redeem a scanned ``token``, or the 6-digit ``code`` of ``member``, for a kiosk session.

    ``member`` is whoever the typed e-mail or phone names (None when it names nobody: refused
    the same way, so the kiosk does not tell who is a member).
    """
    where = kiosk_location(actor, location_id)
    if (token is None) == (code is None):
        raise InvalidRequest(
            "give the scanned token, or the code with an e-mail or phone", code="SIGN_IN_INCOMPLETE"
        )
    with uow:
        location = uow.locations.get(where)
        if location is None:
            raise NotFound(f"location {where} not found", code="LOCATION_NOT_FOUND")
        if token is not None:
            found = uow.kiosk_sign_in.by_token(_sha(token.strip()))
            if found is None or found.redeemed_at is not None or found.expires_at <= now:
                raise _refused()
            if found.failures >= MAX_FAILURES:
                raise _refused()
        else:
            assert code is not None
            if member is None:
                raise _refused()
            found = uow.kiosk_sign_in.live_code_of(member.id, now)
            if found is None or found.failures >= MAX_FAILURES:
                raise _refused()
            if not hmac.compare_digest(found.code_hash, _code_hash(found.id, code.strip())):
                uow.kiosk_sign_in.count_failure(found.id)
                uow.commit()  # the wrong guess counts even though the request fails
                raise _refused()
        user = uow.users.get(found.user_id)
        if user is None:
            raise _refused()
        uow.kiosk_sign_in.mark_redeemed(found.id, now)
        session = secrets.token_urlsafe(24)
        expires = now + SESSION_TTL
        uow.kiosk_sign_in.add_session(
            session_hash=_sha(session),
            user_id=user.id,
            kiosk=actor.subject,
            location_id=location.id,
            created_at=now,
            expires_at=expires,
        )
        uow.commit()
    return SignedIn(session=session, user=user, location=location, expires_at=expires)


@dataclass(frozen=True)
class SessionMember:
    """Who a kiosk session speaks for, and where."""

    user_id: UUID
    location_id: UUID


def member_of_session(uow: UnitOfWork, actor: Actor, session: str, now: datetime) -> SessionMember:
    """The member a live session of this kiosk was opened for; refused otherwise."""
    actor.require(Role.KIOSK)
    with uow:
        found = uow.kiosk_sign_in.session(_sha(session))
    if (
        found is None
        or found.kiosk != actor.subject
        or not actor.can_see_location(found.location_id)
        or found.ended_at is not None
        or found.expires_at <= now
    ):
        raise SignInRefused(
            "this kiosk session has ended: sign in again",
            code="KIOSK_SESSION_ENDED",
        )
    return SessionMember(user_id=found.user_id, location_id=found.location_id)


def sign_out(uow: UnitOfWork, actor: Actor, session: str, now: datetime) -> None:
    """End a kiosk session (the kiosk went back to its start screen)."""
    actor.require(Role.KIOSK)
    with uow:
        uow.kiosk_sign_in.end_session(_sha(session), now)
        uow.commit()
