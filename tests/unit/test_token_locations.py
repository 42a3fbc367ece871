"""Staff and kiosk tokens are scoped to the locations they name, and fail closed without them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from booking.api.auth import Unauthorized, actor_from_claims
from booking.domain.actors import Role

CLUB_A = uuid.uuid4()
CLUB_B = uuid.uuid4()


def _claims(role: str, locations: Any = ..., **extra: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {"role": role, "sub": f"{role}@example.com", **extra}
    if locations is not ...:
        claims["locations"] = locations
    return claims


@pytest.mark.parametrize("role", ["staff", "kiosk"])
@pytest.mark.parametrize(
    "locations",
    [
        ...,  # no claim at all
        None,
        [],
        "",  # the authorizer's context of a token without the claim
        ["not-a-location"],
        [str(CLUB_A), "not-a-location"],  # one bad entry is not silently dropped
        [str(CLUB_A), 42],
        "club-a",
        {"id": str(CLUB_A)},
    ],
)
def test_staff_and_kiosk_tokens_without_valid_locations_are_refused(role, locations):
    with pytest.raises(Unauthorized) as exc:
        actor_from_claims(_claims(role, locations))
    assert exc.value.code in ("LOCATIONS_CLAIM_REQUIRED", "INVALID_LOCATIONS_CLAIM")


@pytest.mark.parametrize("locations", [[str(CLUB_A)], str(CLUB_A)])
def test_scoped_staff_sees_only_their_locations(locations):
    actor = actor_from_claims(_claims("staff", locations))
    assert actor.can_see_location(CLUB_A)
    assert not actor.can_see_location(CLUB_B)


def test_hq_staff_carry_an_explicit_wildcard():
    for claim in (["*"], "*"):  # token claim, authorizer context
        actor = actor_from_claims(_claims("staff", claim))
        assert actor.all_locations and actor.can_see_location(CLUB_B)


@pytest.mark.parametrize("locations", [["*"], "*", ["*", str(CLUB_A)]])
def test_a_kiosk_never_gets_the_wildcard(locations):
    with pytest.raises(Unauthorized):
        actor_from_claims(_claims("kiosk", locations))


def test_wildcard_does_not_mix_with_ids():
    with pytest.raises(Unauthorized):
        actor_from_claims(_claims("staff", ["*", str(CLUB_A)]))


@pytest.mark.parametrize("role", ["admin", "service"])
def test_admins_and_services_act_everywhere_by_role(role):
    actor = actor_from_claims(_claims(role))
    assert actor.role is Role(role) and actor.can_see_location(CLUB_B)


def test_members_never_see_a_location_through_the_claim():
    actor = actor_from_claims(
        {"role": "member", "sub": str(uuid.uuid4()), "locations": ["*", str(CLUB_A)]}
    )
    assert not actor.can_see_location(CLUB_A)
