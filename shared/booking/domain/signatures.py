"""Webhook signature checks for HubSpot (v3) and UniFi Access, plus signers for tests and fakes.

Pure functions: the caller supplies the raw body, the headers' values, the shared secret and the
current time.

HubSpot v3 (developers.hubspot.com, "request validation"): header `X-HubSpot-Signature-v3` is
base64(HMAC-SHA256(app client secret, method + requestUri + rawBody + timestamp)) with
`X-HubSpot-Request-Timestamp` in Unix milliseconds. `requestUri` is the full public URL HubSpot
called, with `%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B` decoded. Requests older than five
minutes are rejected; so are timestamps more than five minutes in the future, which only a
forger or a broken clock produces.

UniFi Access (unconfirmed, from the console API documentation as converted publicly): header
`Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "{t}.{raw_body}")>`. Several `v1`
entries are accepted (any may match) so a secret can be rotated.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import datetime, timedelta

HUBSPOT_MAX_AGE = timedelta(minutes=5)
UNIFI_TOLERANCE = timedelta(minutes=5)

_HUBSPOT_DECODED = re.compile(r"%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)", re.IGNORECASE)


def hubspot_normalize_uri(uri: str) -> str:
    """Decode exactly the percent-escapes HubSpot decodes before signing; leave others alone."""
    return _HUBSPOT_DECODED.sub(lambda m: chr(int(m.group(1), 16)), uri)


def _epoch_digits(value: str) -> bool:
    """Plain ASCII digits of a plausible epoch (``str.isdigit`` also accepts superscripts and
    other scripts' digits, which ``int`` then refuses or reads)."""
    return 0 < len(value) <= 16 and value.isascii() and value.isdigit()


def _epoch_ms(now: datetime) -> int:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return int(now.timestamp() * 1000)


def sign_hubspot_v3(method: str, uri: str, body: bytes, timestamp_ms: str, secret: str) -> str:
    """The `X-HubSpot-Signature-v3` value for a request."""
    signed = (
        method.upper().encode() + hubspot_normalize_uri(uri).encode() + body + timestamp_ms.encode()
    )
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify_hubspot_v3(
    method: str,
    uri: str,
    body: bytes,
    timestamp_ms: str,
    signature: str,
    secret: str,
    now: datetime,
    max_age: timedelta = HUBSPOT_MAX_AGE,
) -> bool:
    """True when `signature` is HubSpot's v3 signature of the request and it is fresh."""
    if not secret or not signature or not _epoch_digits(timestamp_ms):
        return False
    age_ms = _epoch_ms(now) - int(timestamp_ms)
    limit_ms = max_age.total_seconds() * 1000
    if age_ms > limit_ms or -age_ms > limit_ms:
        return False
    expected = sign_hubspot_v3(method, uri, body, timestamp_ms, secret)
    return hmac.compare_digest(expected.encode(), signature.strip().encode())


def sign_unifi(body: bytes, secret: str, timestamp: int) -> str:
    """The UniFi Access `Signature` header value for a body sent at `timestamp` (Unix s)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_unifi(
    header: str,
    body: bytes,
    secret: str,
    now: datetime,
    tolerance: timedelta = UNIFI_TOLERANCE,
) -> bool:
    """True when the `Signature` header carries a valid, fresh HMAC of `body`."""
    if not secret or not header:
        return False
    timestamp: str | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if key == "t":
            timestamp = value
        elif key == "v1":
            candidates.append(value.lower())
    if timestamp is None or not _epoch_digits(timestamp) or not candidates:
        return False
    now_s = _epoch_ms(now) / 1000
    if abs(now_s - int(timestamp)) > tolerance.total_seconds():
        return False
    expected = sign_unifi(body, secret, int(timestamp)).split("v1=", 1)[1]
    # Compare against every candidate (no early exit) so timing does not reveal which matched.
    matched = False
    for candidate in candidates:
        matched |= hmac.compare_digest(expected.encode(), candidate.encode())
    return matched
