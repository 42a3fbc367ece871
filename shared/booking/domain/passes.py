"""Dynamic access passes: short-lived, encrypted tokens shown as a QR code at the door.

A pass token binds a booking, its member, the doors it opens and the booking's access window to
one *rotation step* (``ROTATION_STEP_SECONDS`` = 30 s of wall-clock time). The member's app asks
for a fresh token every step, so a screenshot stops working a step or two later.

Token layout (then URL-safe base64 without padding)::

    header = version (1 byte) | kid length (1 byte) | kid (ASCII)
    token  = header | nonce (12 random bytes) | AES-256-GCM(plaintext, aad=header) | tag (16)

The header is the associated data, so the key id cannot be swapped without breaking the tag, and
the key id tells the verifier which key of the :class:`PassKeyring` to use while keys rotate.

Plaintext (big-endian): step (u32) | valid_from (u32 epoch s) | valid_until (u32 epoch s) |
booking id | user id | door count (u8) | door ids. Each id is either a canonical UUID packed into
16 bytes or a length-prefixed UTF-8 string, which keeps a typical token near 130 characters: a
QR code of version 7-8 at error level M, easy to scan off a phone screen.

Clock skew: a token issued for step ``n`` is accepted while the verifier's clock is in step ``n``
or in step ``n + 1`` (``ACCEPTED_PREVIOUS_STEPS`` = 1), i.e. for 30-60 s after issue. A token
from a step the verifier has not reached yet is refused as :class:`PassNotYetValid`; issuer and
verifier are expected to run on NTP-synchronised clocks.

This module does no I/O; the only randomness is the nonce (``os.urandom``).
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROTATION_STEP_SECONDS = 30
"""Length of one rotation step: a token is bound to the step it was issued in."""

ACCEPTED_PREVIOUS_STEPS = 1
"""How many steps behind the verifier's clock a token may be (clock skew, slow scanners)."""

DEFAULT_VALID_AFTER_END = timedelta(minutes=30)
"""A pass stays valid this long after the booking ends (plan: "duration + 30 minutes")."""

TOKEN_VERSION = 1
KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # 96-bit nonce, the size GCM is specified for
TAG_BYTES = 16
MAX_KID_BYTES = 32
MAX_DOORS = 255

_STR_UUID = 0x00
_STR_UTF8 = 0x01
_FIXED = struct.Struct(">III")  # step, valid_from, valid_until


class PassError(Exception):
    """Base class of every reason a pass is refused (or cannot be issued)."""


class PassTampered(PassError):
    """The token is malformed or fails authentication: it was altered or forged."""


class PassExpired(PassError):
    """The pass's validity ended (booking end plus the grace period)."""


class PassNotYetValid(PassError):
    """The access window has not opened yet, or the token is for a step not reached yet."""


class PassStale(PassError):
    """The token belongs to an old rotation step: typically a screenshot or a replay."""


class PassWrongDoor(PassError):
    """The pass is genuine but does not open this door."""


class PassUnknownKey(PassError):
    """The token names a key id the keyring does not (or no longer) accept."""


class PassKeyRetired(PassUnknownKey):
    """The token's key was rotated out and its grace period has ended."""


def _epoch(moment: datetime, name: str) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    seconds = int(moment.timestamp())
    if not 0 <= seconds <= 0xFFFFFFFF:
        raise ValueError(f"{name} is outside the supported range")
    return seconds


def _from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def _check_kid(kid: str) -> bytes:
    try:
        raw = kid.encode("ascii")
    except UnicodeEncodeError:
        raise ValueError("key id must be ASCII") from None
    if not 1 <= len(raw) <= MAX_KID_BYTES:
        raise ValueError(f"key id must be 1..{MAX_KID_BYTES} characters")
    return raw


def _check_key(key: bytes) -> bytes:
    if len(key) != KEY_BYTES:
        raise ValueError(f"pass keys must be {KEY_BYTES} bytes (AES-256)")
    return bytes(key)


@dataclass(frozen=True)
class PassKeyring:
    """The keys for passes: one ``current`` key signs, previous ones verify until their grace ends.

    ``current`` is ``(kid, key)``; ``previous`` holds ``(kid, key, accepted_until)``. To rotate,
    move the current key into ``previous`` with ``accepted_until`` at least one rotation step
    (plus clock skew) in the future, then install the new key as ``current``.
    """

    current: tuple[str, bytes]
    previous: Sequence[tuple[str, bytes, datetime]] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        kid, key = self.current
        kids = [_check_kid(kid)]
        _check_key(key)
        for old_kid, old_key, accepted_until in self.previous:
            kids.append(_check_kid(old_kid))
            _check_key(old_key)
            _epoch(accepted_until, "accepted_until")
        if len(set(kids)) != len(kids):
            raise ValueError("key ids in a keyring must be unique")

    def key_for(self, kid: str, now: datetime) -> bytes:
        """Return the key named ``kid`` if it is accepted at ``now``.

        Raises :class:`PassUnknownKey` for an id the keyring never held and
        :class:`PassKeyRetired` for a previous key whose grace period is over.
        """
        current_kid, current_key = self.current
        if kid == current_kid:
            return current_key
        for old_kid, old_key, accepted_until in self.previous:
            if kid == old_kid:
                if now < accepted_until:
                    return old_key
                raise PassKeyRetired(f"key {kid!r} was retired at {accepted_until.isoformat()}")
        raise PassUnknownKey(f"unknown pass key id {kid!r}")


@dataclass(frozen=True)
class PassFacts:
    """What a pass grants: the caller derives these from the booking and location settings.

    ``valid_from`` is taken as given (by default door access opens 15 min before the start; that
    lead time is a per-location setting applied by the caller). ``valid_until`` defaults to
    ``ends_at`` plus :data:`DEFAULT_VALID_AFTER_END`.
    """

    booking_id: str
    user_id: str
    door_ids: tuple[str, ...]
    valid_from: datetime
    ends_at: datetime
    valid_until: datetime | None = None

    @property
    def effective_valid_until(self) -> datetime:
        """The end of validity: the explicit ``valid_until`` or booking end + 30 min."""
        if self.valid_until is not None:
            return self.valid_until
        return self.ends_at + DEFAULT_VALID_AFTER_END


@dataclass(frozen=True)
class Pass:
    """An issued token; show it until ``expires_at`` (end of its step), then fetch the next one."""

    token: str
    step: int
    expires_at: datetime
    valid_until: datetime


@dataclass(frozen=True)
class VerifiedPass:
    """The facts read back from a token that passed every check."""

    booking_id: str
    user_id: str
    door_ids: tuple[str, ...]
    valid_from: datetime
    valid_until: datetime
    step: int
    kid: str


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        ascii_text = text.encode("ascii")
        raw = base64.urlsafe_b64decode(ascii_text + b"=" * (-len(ascii_text) % 4))
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise PassTampered("token is not URL-safe base64") from None
    # Base64 is malleable: unused low bits of the last character, or stray characters, decode to
    # the same bytes. Only the canonical spelling is accepted, so any changed character is refused.
    if _b64encode(raw) != text:
        raise PassTampered("token is not canonical base64")
    return raw


def _pack_str(value: str) -> bytes:
    try:
        as_uuid = uuid.UUID(value)
    except ValueError:
        as_uuid = None
    if as_uuid is not None and str(as_uuid) == value:
        return bytes([_STR_UUID]) + as_uuid.bytes
    raw = value.encode("utf-8")
    if not 1 <= len(raw) <= 255:
        raise ValueError("ids must be 1..255 bytes of UTF-8")
    return bytes([_STR_UTF8, len(raw)]) + raw


class _Reader:
    """Reads the plaintext back; any inconsistency means the token is not ours."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def take(self, count: int) -> bytes:
        end = self._pos + count
        if end > len(self._data):
            raise PassTampered("token payload is truncated")
        chunk = self._data[self._pos : end]
        self._pos = end
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def string(self) -> str:
        kind = self.byte()
        if kind == _STR_UUID:
            return str(uuid.UUID(bytes=self.take(16)))
        if kind == _STR_UTF8:
            try:
                return self.take(self.byte()).decode("utf-8")
            except UnicodeDecodeError:
                raise PassTampered("token payload is not UTF-8") from None
        raise PassTampered("unknown field encoding in token payload")

    def finish(self) -> None:
        if self._pos != len(self._data):
            raise PassTampered("trailing bytes in token payload")


def _header(kid: str) -> bytes:
    raw_kid = _check_kid(kid)
    return bytes([TOKEN_VERSION, len(raw_kid)]) + raw_kid


def _plaintext(facts: PassFacts, step: int, valid_from: int, valid_until: int) -> bytes:
    doors = tuple(facts.door_ids)
    if not 1 <= len(doors) <= MAX_DOORS:
        raise ValueError(f"a pass opens 1..{MAX_DOORS} doors")
    parts = [
        _FIXED.pack(step, valid_from, valid_until),
        _pack_str(facts.booking_id),
        _pack_str(facts.user_id),
        bytes([len(doors)]),
        *(_pack_str(door) for door in doors),
    ]
    return b"".join(parts)


def issue_pass(facts: PassFacts, keyring: PassKeyring, now: datetime) -> Pass:
    """Issue the token for the rotation step containing ``now``, under the keyring's current key.

    Raises :class:`PassNotYetValid` before ``valid_from`` and :class:`PassExpired` from
    ``valid_until`` on, so the caller can tell the member when the pass works.
    """
    valid_from = _epoch(facts.valid_from, "valid_from")
    valid_until = _epoch(facts.effective_valid_until, "valid_until")
    if valid_until <= valid_from:
        raise ValueError("valid_until must be after valid_from")
    now_s = _epoch(now, "now")
    if now_s < valid_from:
        raise PassNotYetValid(f"pass opens at {_from_epoch(valid_from).isoformat()}")
    if now_s >= valid_until:
        raise PassExpired(f"pass ended at {_from_epoch(valid_until).isoformat()}")

    step = now_s // ROTATION_STEP_SECONDS
    kid, key = keyring.current
    header = _header(kid)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, _plaintext(facts, step, valid_from, valid_until), header)
    return Pass(
        token=_b64encode(header + nonce + sealed),
        step=step,
        expires_at=_from_epoch((step + 1) * ROTATION_STEP_SECONDS),
        valid_until=_from_epoch(valid_until),
    )


def verify_pass(
    token: str,
    keyring: PassKeyring,
    now: datetime,
    expected_door_id: str | None = None,
) -> VerifiedPass:
    """Check a scanned token and return what it grants, or raise the matching :class:`PassError`.

    Checks, in order: encoding and key id (:class:`PassTampered`, :class:`PassUnknownKey`),
    authenticity (:class:`PassTampered`), the access window (:class:`PassNotYetValid`,
    :class:`PassExpired`), the rotation step (:class:`PassStale`, see the module docstring on
    skew) and, when ``expected_door_id`` is given, the door (:class:`PassWrongDoor`).
    """
    now_s = _epoch(now, "now")
    raw = _b64decode(token)
    if len(raw) < 2 or raw[0] != TOKEN_VERSION:
        raise PassTampered("unsupported token version")
    kid_len = raw[1]
    header_len = 2 + kid_len
    if not 1 <= kid_len <= MAX_KID_BYTES or len(raw) < header_len + NONCE_BYTES + TAG_BYTES:
        raise PassTampered("token is too short")
    header = raw[:header_len]
    try:
        kid = header[2:].decode("ascii")
    except UnicodeDecodeError:
        raise PassTampered("key id is not ASCII") from None
    key = keyring.key_for(kid, now)

    nonce = raw[header_len : header_len + NONCE_BYTES]
    try:
        plaintext = AESGCM(key).decrypt(nonce, raw[header_len + NONCE_BYTES :], header)
    except InvalidTag:
        raise PassTampered("token failed authentication") from None

    reader = _Reader(plaintext)
    step, valid_from, valid_until = _FIXED.unpack(reader.take(_FIXED.size))
    booking_id = reader.string()
    user_id = reader.string()
    door_ids = tuple(reader.string() for _ in range(reader.byte()))
    reader.finish()

    if now_s < valid_from:
        raise PassNotYetValid(f"pass opens at {_from_epoch(valid_from).isoformat()}")
    if now_s >= valid_until:
        raise PassExpired(f"pass ended at {_from_epoch(valid_until).isoformat()}")
    current_step = now_s // ROTATION_STEP_SECONDS
    if step > current_step:
        raise PassNotYetValid("token is for a rotation step that has not started")
    if current_step - step > ACCEPTED_PREVIOUS_STEPS:
        raise PassStale("token is from an old rotation step")
    if expected_door_id is not None and expected_door_id not in door_ids:
        raise PassWrongDoor(f"pass does not open door {expected_door_id!r}")

    return VerifiedPass(
        booking_id=booking_id,
        user_id=user_id,
        door_ids=door_ids,
        valid_from=_from_epoch(valid_from),
        valid_until=_from_epoch(valid_until),
        step=step,
        kid=kid,
    )
