"""Webhook signature verification: HubSpot v3 and UniFi Access."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from booking.domain.signatures import (
    hubspot_normalize_uri,
    sign_hubspot_v3,
    sign_unifi,
    verify_hubspot_v3,
    verify_unifi,
)

SECRET = "app-client-secret"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
NOW_MS = str(int(NOW.timestamp() * 1000))
URI = "https://api.example.com/webhooks/hubspot"
BODY = b'[{"eventId":1,"subscriptionType":"contact.propertyChange","objectId":42}]'


def _independent_hubspot(method: str, uri: str, body: bytes, ts: str) -> str:
    """HubSpot's algorithm written out separately from the code under test."""
    mac = hmac.new(SECRET.encode(), f"{method}{uri}".encode() + body + ts.encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


class TestHubSpotV3:
    def test_valid_signature_is_accepted(self) -> None:
        signature = _independent_hubspot("POST", URI, BODY, NOW_MS)
        assert verify_hubspot_v3("POST", URI, BODY, NOW_MS, signature, SECRET, NOW)

    def test_signer_matches_the_documented_algorithm(self) -> None:
        assert sign_hubspot_v3("POST", URI, BODY, NOW_MS, SECRET) == _independent_hubspot(
            "POST", URI, BODY, NOW_MS
        )

    @pytest.mark.parametrize(
        "change",
        ["body", "method", "uri", "timestamp", "secret", "truncated"],
    )
    def test_forged_or_altered_request_is_rejected(self, change: str) -> None:
        signature = sign_hubspot_v3("POST", URI, BODY, NOW_MS, SECRET)
        method, uri, body, ts, secret = "POST", URI, BODY, NOW_MS, SECRET
        if change == "body":
            body = BODY.replace(b"42", b"43")
        elif change == "method":
            method = "PUT"
        elif change == "uri":
            uri = URI + "?x=1"
        elif change == "timestamp":
            ts = str(int(NOW_MS) - 1)
        elif change == "secret":
            secret = "another-secret"
        else:
            signature = signature[:-4]
        assert not verify_hubspot_v3(method, uri, body, ts, signature, secret, NOW)

    def test_older_than_five_minutes_is_rejected(self) -> None:
        old = str(int(NOW_MS) - 5 * 60 * 1000 - 1)
        signature = sign_hubspot_v3("POST", URI, BODY, old, SECRET)
        assert not verify_hubspot_v3("POST", URI, BODY, old, signature, SECRET, NOW)

    def test_just_inside_five_minutes_is_accepted(self) -> None:
        recent = str(int(NOW_MS) - 5 * 60 * 1000 + 1000)
        signature = sign_hubspot_v3("POST", URI, BODY, recent, SECRET)
        assert verify_hubspot_v3("POST", URI, BODY, recent, signature, SECRET, NOW)

    def test_far_future_timestamp_is_rejected(self) -> None:
        future = str(int(NOW_MS) + 10 * 60 * 1000)
        signature = sign_hubspot_v3("POST", URI, BODY, future, SECRET)
        assert not verify_hubspot_v3("POST", URI, BODY, future, signature, SECRET, NOW)

    @pytest.mark.parametrize("bad_ts", ["", "abc", "-5", "1.5e12"])
    def test_malformed_timestamp_is_rejected(self, bad_ts: str) -> None:
        assert not verify_hubspot_v3("POST", URI, BODY, bad_ts, "x", SECRET, NOW)

    def test_empty_secret_never_verifies(self) -> None:
        signature = _independent_hubspot("POST", URI, BODY, NOW_MS)
        assert not verify_hubspot_v3("POST", URI, BODY, NOW_MS, signature, "", NOW)

    def test_listed_escapes_are_decoded_before_signing(self) -> None:
        encoded = "https://api.example.com/hook%3Fa=b%2Cc%40d%21%24%27%28%29%2A%3B%3A%2F"
        decoded = "https://api.example.com/hook?a=b,c@d!$'()*;:/"
        assert hubspot_normalize_uri(encoded) == decoded
        # HubSpot signs the decoded form, so a signature over it verifies against either form.
        signature = _independent_hubspot("POST", decoded, BODY, NOW_MS)
        assert verify_hubspot_v3("POST", encoded, BODY, NOW_MS, signature, SECRET, NOW)

    def test_lowercase_escapes_are_decoded_too(self) -> None:
        assert hubspot_normalize_uri("https://x/a%3fb%3dc") == "https://x/a?b%3dc"

    def test_other_escapes_are_left_alone(self) -> None:
        uri = "https://api.example.com/hook?name=a%20b&x=%3D%26"
        assert hubspot_normalize_uri(uri) == uri
        signature = _independent_hubspot("POST", uri, BODY, NOW_MS)
        decoded_everything = "https://api.example.com/hook?name=a b&x==&"
        assert verify_hubspot_v3("POST", uri, BODY, NOW_MS, signature, SECRET, NOW)
        assert not verify_hubspot_v3(
            "POST", decoded_everything, BODY, NOW_MS, signature, SECRET, NOW
        )

    def test_naive_now_is_refused(self) -> None:
        with pytest.raises(ValueError):
            verify_hubspot_v3("POST", URI, BODY, NOW_MS, "x", SECRET, NOW.replace(tzinfo=None))


class TestUnifi:
    T = int(NOW.timestamp())

    def _header(self, body: bytes = BODY, t: int | None = None, secret: str = SECRET) -> str:
        ts = self.T if t is None else t
        mac = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
        return f"t={ts},v1={mac}"

    def test_valid_signature_is_accepted(self) -> None:
        assert verify_unifi(self._header(), BODY, SECRET, NOW)

    def test_signer_matches_the_documented_format(self) -> None:
        assert sign_unifi(BODY, SECRET, self.T) == self._header()

    def test_altered_body_is_rejected(self) -> None:
        assert not verify_unifi(self._header(), BODY + b" ", SECRET, NOW)

    def test_wrong_secret_is_rejected(self) -> None:
        assert not verify_unifi(self._header(secret="other"), BODY, SECRET, NOW)

    def test_expired_is_rejected(self) -> None:
        old = self.T - 301
        assert not verify_unifi(self._header(t=old), BODY, SECRET, NOW)
        assert verify_unifi(self._header(t=old), BODY, SECRET, NOW, tolerance=timedelta(minutes=10))

    def test_timestamp_is_part_of_the_signature(self) -> None:
        forged = self._header().replace(f"t={self.T}", f"t={self.T + 10}")
        assert not verify_unifi(forged, BODY, SECRET, NOW)

    def test_any_of_several_v1_values_may_match(self) -> None:
        header = self._header()
        rotated = header.replace("v1=", "v1=" + "0" * 64 + ",v1=")
        assert verify_unifi(rotated, BODY, SECRET, NOW)

    def test_header_with_spaces_and_uppercase_hex(self) -> None:
        ts, mac = self._header().split(",")
        assert verify_unifi(f"{ts}, v1={mac[3:].upper()}", BODY, SECRET, NOW)

    @pytest.mark.parametrize("header", ["", "garbage", "t=abc,v1=00", "v1=00", f"t={T}"])
    def test_malformed_header_is_rejected(self, header: str) -> None:
        assert not verify_unifi(header, BODY, SECRET, NOW)
