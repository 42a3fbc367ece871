"""The clubs and bays a message may name, and the customer a message comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.errors import (
    InvalidRequest,
    NotFound,
)
from booking.domain.language import (
    BayRef,
    LocationRef,
)
from booking.domain.models import Location, Resource, User
from booking.services.clubos.actions import CustomerRef
from booking.services.members import find_customer
from booking.services.ports import UnitOfWork

_DIGITS = re.compile(r"\D+")
_BAY_NUMBER = re.compile(r"(\d+)\s*$")


# --- the places the parser may hear of --------------------------------------------------------


def bay_number(resource: Resource) -> int | None:
    """A bay's number: ``metadata.number`` or the digits ending its name ("Bay 3")."""
    raw = resource.metadata.get("number") if resource.metadata else None
    if isinstance(raw, int):
        return raw
    match = _BAY_NUMBER.search(resource.name)
    return int(match[1]) if match else None


@dataclass
class Places:
    locations: dict[UUID, Location]
    resources: dict[UUID, list[Resource]]

    def refs(self) -> list[LocationRef]:
        out = []
        for loc in self.locations.values():
            bays = tuple(
                BayRef(id=str(r.id), number=bay_number(r), name=r.name, resource_type=r.type)
                for r in self.resources.get(loc.id, [])
            )
            aliases = tuple({loc.slug, loc.slug.replace("-", " ")} - {loc.name})
            out.append(
                LocationRef(
                    id=str(loc.id),
                    name=loc.name,
                    tz=ZoneInfo(loc.time_zone),
                    aliases=aliases,
                    bays=bays,
                )
            )
        return out

    def find(self, text: str) -> Location | None:
        try:
            return self.locations.get(UUID(text))
        except ValueError:
            pass
        key = text.strip().lower()
        for loc in self.locations.values():
            if key in (loc.slug.lower(), loc.name.lower()):
                return loc
        return None

    def resource(self, resource_id: UUID) -> Resource | None:
        for bays in self.resources.values():
            for r in bays:
                if r.id == resource_id:
                    return r
        return None


def load_places(uow: UnitOfWork) -> Places:
    locations = {loc.id: loc for loc in uow.locations.list()}
    resources: dict[UUID, list[Resource]] = {}
    for r in uow.resources.list():
        resources.setdefault(r.location_id, []).append(r)
    for bays in resources.values():
        bays.sort(key=lambda r: (bay_number(r) or 0, r.name))
    return Places(locations, resources)


def resolve_customer(ref: CustomerRef, uow: UnitOfWork) -> User:
    """The member ClubOS names; phone numbers are tried as given and in common spellings."""
    if ref.empty:
        raise InvalidRequest("name the customer by email, phone or hubspot_id", code="NO_CUSTOMER")
    phones: list[str | None] = [ref.phone]
    if ref.phone:
        digits = _DIGITS.sub("", ref.phone)
        if digits:
            phones += [digits, "+" + digits]
            if len(digits) == 10:  # North American number without the country code
                phones += ["+1" + digits, "1" + digits]
    last: NotFound | None = None
    for i, phone in enumerate(dict.fromkeys(phones)):
        try:
            return find_customer(
                uow,
                email=ref.email if i == 0 else None,
                phone=phone,
                hubspot_id=ref.hubspot_id if i == 0 else None,
            )
        except NotFound as exc:
            last = exc
    assert last is not None
    raise last
