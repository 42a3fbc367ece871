"""Dynamic access passes: issuing, verifying, rotation, key rotation and QR rendering."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.adapters.qr import make_qr, render_png, render_svg
from booking.domain.passes import (
    ROTATION_STEP_SECONDS,
    PassError,
    PassExpired,
    PassFacts,
    PassKeyRetired,
    PassKeyring,
    PassNotYetValid,
    PassStale,
    PassTampered,
    PassUnknownKey,
    PassWrongDoor,
    issue_pass,
    verify_pass,
)

KEY_A = bytes(range(32))
KEY_B = bytes(range(100, 132))
KEYRING = PassKeyring(current=("k2025a", KEY_A))

START = datetime(2025, 3, 8, 22, 30, tzinfo=UTC)
END = START + timedelta(hours=2)  # crosses midnight on purpose
DOOR_FRONT = "7f0c5e0e-2b1d-4e4a-9a39-0d6f3c1b9a11"
DOOR_BAY3 = "3b7d0b7c-8e6e-4f41-8f3b-6e2f4b1d2c33"
DOOR_BAY5 = "bay-5-door"  # not every door id is a UUID

FACTS = PassFacts(
    booking_id="5d3f2a9c-1b7e-4c2a-9f0e-2a6b8c4d1e77",
    user_id="hubspot-123456",
    door_ids=(DOOR_FRONT, DOOR_BAY3),
    valid_from=START - timedelta(minutes=15),
    ends_at=END,
)
OTHER_BOOKING = PassFacts(
    booking_id="b2c1d0e9-0000-4000-8000-000000000002",
    user_id="hubspot-777",
    door_ids=(DOOR_FRONT, DOOR_BAY5),
    valid_from=START - timedelta(minutes=15),
    ends_at=END,
)

# Mid-booking, 5 s into a rotation step.
NOW = START + timedelta(minutes=20, seconds=5)


def _flip(token: str, index: int, xor: int = 0x01) -> str:
    """Change one byte of the decoded token and re-encode it canonically."""
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[index] ^= xor
    return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def test_valid_pass_round_trips_its_facts() -> None:
    issued = issue_pass(FACTS, KEYRING, NOW)

    verified = verify_pass(issued.token, KEYRING, NOW, expected_door_id=DOOR_BAY3)

    assert verified.booking_id == FACTS.booking_id
    assert verified.user_id == FACTS.user_id
    assert verified.door_ids == (DOOR_FRONT, DOOR_BAY3)
    assert verified.valid_from == FACTS.valid_from
    assert verified.valid_until == END + timedelta(minutes=30)
    assert verified.kid == "k2025a"
    assert verified.step == issued.step
    assert issued.valid_until == END + timedelta(minutes=30)
    # expires_at is the end of the step NOW falls in: 25 s after NOW (5 s into a 30 s step).
    assert issued.expires_at == NOW + timedelta(seconds=25)
    assert issued.expires_at.timestamp() % ROTATION_STEP_SECONDS == 0


def test_each_issue_uses_a_fresh_nonce() -> None:
    first = issue_pass(FACTS, KEYRING, NOW).token
    second = issue_pass(FACTS, KEYRING, NOW).token

    assert first != second
    assert verify_pass(first, KEYRING, NOW) == verify_pass(second, KEYRING, NOW)


def test_explicit_valid_until_overrides_the_default_grace() -> None:
    facts = PassFacts(
        booking_id=FACTS.booking_id,
        user_id=FACTS.user_id,
        door_ids=FACTS.door_ids,
        valid_from=FACTS.valid_from,
        ends_at=END,
        valid_until=END + timedelta(minutes=10),
    )
    late = END + timedelta(minutes=15)

    with pytest.raises(PassExpired):
        issue_pass(facts, KEYRING, late)
    assert issue_pass(FACTS, KEYRING, late).valid_until == END + timedelta(minutes=30)


def test_tampered_ciphertext_byte_is_refused() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token

    with pytest.raises(PassTampered):
        verify_pass(_flip(token, 30), KEYRING, NOW)


def test_non_canonical_base64_spelling_is_refused() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token
    # Appending junk or padding decodes leniently in base64; the verifier must not accept it.
    for variant in (token + "=", token + "A", " " + token, token[:-1]):
        with pytest.raises(PassTampered):
            verify_pass(variant, KEYRING, NOW)


def test_unused_bits_of_the_last_character_cannot_be_changed() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token
    assert len(token) % 4 != 0, "this booking's token must end in a partial base64 group"
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    # Other last characters that differ only in the unused low bits decode to the same bytes.
    twins = [
        token[:-1] + c
        for c in alphabet
        if c != token[-1]
        and base64.urlsafe_b64decode(token[:-1] + c + "=" * (-len(token) % 4)) == decoded
    ]
    assert twins

    for twin in twins:
        with pytest.raises(PassTampered):
            verify_pass(twin, KEYRING, NOW)


def test_garbage_is_refused_as_tampered() -> None:
    for garbage in ("", "A", "not a token!", "AQJrMQ", "é"):
        with pytest.raises(PassTampered):
            verify_pass(garbage, KEYRING, NOW)


def test_expired_after_end_plus_thirty_minutes() -> None:
    # Issued 10 s before the pass ends, scanned 11 s later: same rotation window, but too late.
    issued_at = END + timedelta(minutes=30) - timedelta(seconds=10)
    token = issue_pass(FACTS, KEYRING, issued_at).token
    assert verify_pass(token, KEYRING, issued_at + timedelta(seconds=9)).booking_id

    with pytest.raises(PassExpired):
        verify_pass(token, KEYRING, issued_at + timedelta(seconds=11))
    with pytest.raises(PassExpired):
        issue_pass(FACTS, KEYRING, END + timedelta(minutes=30))


def test_not_yet_valid_before_the_access_window_opens() -> None:
    with pytest.raises(PassNotYetValid):
        issue_pass(FACTS, KEYRING, FACTS.valid_from - timedelta(seconds=1))

    # A token issued the second the window opens, scanned on a clock one second behind.
    token = issue_pass(FACTS, KEYRING, FACTS.valid_from).token
    with pytest.raises(PassNotYetValid):
        verify_pass(token, KEYRING, FACTS.valid_from - timedelta(seconds=1))
    assert verify_pass(token, KEYRING, FACTS.valid_from).booking_id == FACTS.booking_id


def test_token_from_a_step_not_yet_reached_is_refused() -> None:
    token = issue_pass(FACTS, KEYRING, NOW + timedelta(seconds=ROTATION_STEP_SECONDS)).token

    with pytest.raises(PassNotYetValid):
        verify_pass(token, KEYRING, NOW)


def test_other_bookings_pass_does_not_open_a_door_outside_it() -> None:
    token = issue_pass(OTHER_BOOKING, KEYRING, NOW).token

    assert verify_pass(token, KEYRING, NOW, expected_door_id=DOOR_FRONT).booking_id == (
        OTHER_BOOKING.booking_id
    )
    assert verify_pass(token, KEYRING, NOW, expected_door_id=DOOR_BAY5).door_ids == (
        DOOR_FRONT,
        DOOR_BAY5,
    )
    with pytest.raises(PassWrongDoor):
        verify_pass(token, KEYRING, NOW, expected_door_id=DOOR_BAY3)


def test_screenshot_is_stale_after_sixty_one_seconds() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token

    with pytest.raises(PassStale):
        verify_pass(token, KEYRING, NOW + timedelta(seconds=61))


def test_one_previous_step_is_accepted_for_clock_skew() -> None:
    # Issued in the last second of a step; the next step still accepts it, the one after not.
    step_start = datetime.fromtimestamp(
        (int(NOW.timestamp()) // ROTATION_STEP_SECONDS) * ROTATION_STEP_SECONDS, tz=UTC
    )
    issued_at = step_start + timedelta(seconds=ROTATION_STEP_SECONDS - 1)
    token = issue_pass(FACTS, KEYRING, issued_at).token

    last_accepted = step_start + timedelta(seconds=2 * ROTATION_STEP_SECONDS - 1)
    assert verify_pass(token, KEYRING, last_accepted).booking_id == FACTS.booking_id
    with pytest.raises(PassStale):
        verify_pass(token, KEYRING, last_accepted + timedelta(seconds=1))


def test_previous_key_is_accepted_during_its_grace_and_refused_after() -> None:
    old_ring = PassKeyring(current=("k2024z", KEY_B))
    token = issue_pass(FACTS, old_ring, NOW).token
    grace_ends = NOW + timedelta(seconds=20)
    rotated = PassKeyring(current=("k2025a", KEY_A), previous=[("k2024z", KEY_B, grace_ends)])

    assert verify_pass(token, rotated, NOW + timedelta(seconds=19)).kid == "k2024z"
    with pytest.raises(PassKeyRetired) as retired:
        verify_pass(token, rotated, grace_ends)
    assert isinstance(retired.value, PassUnknownKey)
    # New passes are always issued under the current key.
    assert verify_pass(issue_pass(FACTS, rotated, NOW).token, KEYRING, NOW).kid == "k2025a"


def test_unknown_key_id_is_refused() -> None:
    token = issue_pass(FACTS, PassKeyring(current=("k-other", KEY_A)), NOW).token

    with pytest.raises(PassUnknownKey) as refused:
        verify_pass(token, KEYRING, NOW)
    assert not isinstance(refused.value, PassKeyRetired)


def test_key_id_cannot_be_swapped_to_another_accepted_key() -> None:
    # Same key material under two ids: the id is authenticated, so relabelling breaks the tag.
    ring = PassKeyring(current=("ka", KEY_A), previous=[("kb", KEY_A, NOW + timedelta(hours=1))])
    token = issue_pass(FACTS, ring, NOW).token
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    assert raw[2:4] == b"ka"
    raw[3] = ord("b")
    relabelled = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()

    with pytest.raises(PassTampered):
        verify_pass(relabelled, ring, NOW)


def test_keyring_rejects_bad_keys() -> None:
    with pytest.raises(ValueError):
        PassKeyring(current=("k", b"short"))
    with pytest.raises(ValueError):
        PassKeyring(current=("k", KEY_A), previous=[("k", KEY_B, NOW)])
    with pytest.raises(ValueError):
        PassKeyring(current=("", KEY_A))


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError):
        issue_pass(FACTS, KEYRING, NOW.replace(tzinfo=None))


@given(index=st.integers(min_value=0), xor=st.integers(min_value=1, max_value=255))
def test_any_single_byte_change_is_refused(index: int, xor: int) -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token
    size = len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))

    with pytest.raises(PassError):
        verify_pass(_flip(token, index % size, xor), KEYRING, NOW)


@given(index=st.integers(min_value=0), replacement=st.characters(codec="utf-8"))
def test_any_single_character_change_is_refused(index: int, replacement: str) -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token
    position = index % len(token)
    if token[position] == replacement:
        return
    changed = token[:position] + replacement + token[position + 1 :]

    with pytest.raises(PassError):
        verify_pass(changed, KEYRING, NOW)


def test_token_fits_a_small_qr_code() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token

    # Two doors and a non-UUID member id: still about 155 characters.
    assert len(token) <= 160
    symbol = make_qr(token)
    assert isinstance(symbol.version, int) and symbol.version <= 10
    assert symbol.error in ("M", "Q", "H")


def test_qr_renders_as_svg_and_png() -> None:
    token = issue_pass(FACTS, KEYRING, NOW).token

    svg = render_svg(token)
    png = render_png(token, scale=4)

    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    # Width and height in the PNG header: (modules + 2 * 4 quiet-zone modules) * scale.
    side = (make_qr(token).symbol_size(scale=1, border=4))[0] * 4
    assert int.from_bytes(png[16:20], "big") == side
    assert int.from_bytes(png[20:24], "big") == side


def test_pass_keys_from_environment_accept_json_or_base64_json(monkeypatch):
    import base64
    import json
    import os

    from booking.adapters.pass_keys import PassKeysNotConfigured, keyring_from_environment

    doc = json.dumps({"current": {"kid": "k1", "key": base64.b64encode(os.urandom(32)).decode()}})
    monkeypatch.delenv("PASS_KEYS_SECRET_ARN", raising=False)
    monkeypatch.setenv("PASS_KEYS", doc)
    assert keyring_from_environment().current[0] == "k1"
    monkeypatch.setenv("PASS_KEYS", base64.urlsafe_b64encode(doc.encode()).decode().rstrip("="))
    assert keyring_from_environment().current[0] == "k1"
    monkeypatch.setenv("PASS_KEYS", "{current: mangled}")
    with pytest.raises(PassKeysNotConfigured):
        keyring_from_environment()
