"""Who is asking: a member, staff of some locations, an admin, a kiosk or a service."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from uuid import UUID

from booking.domain.errors import Forbidden


class Role(enum.StrEnum):
    """Roles carried in the caller's token."""

    MEMBER = "member"
    STAFF = "staff"
    ADMIN = "admin"
    KIOSK = "kiosk"
    SERVICE = "service"


@dataclass(frozen=True)
class Actor:
    """The authenticated caller."""

    role: Role
    user_id: UUID | None = None
    location_ids: frozenset[UUID] = field(default_factory=frozenset)
    subject: str = ""
    all_locations: bool = False
    """HQ staff: the token's ``locations`` claim is the explicit wildcard ``["*"]``."""

    @property
    def is_privileged(self) -> bool:
        """Admins and services see everything."""
        return self.role in (Role.ADMIN, Role.SERVICE)

    def can_see_location(self, location_id: UUID) -> bool:
        """Staff and kiosks act on the locations their token names, and nowhere else.

        An empty set means none (fail closed): only an explicit wildcard (HQ staff) or the
        admin and service roles reach every location.
        """
        if self.is_privileged:
            return True
        if self.role in (Role.STAFF, Role.KIOSK):
            return self.all_locations or location_id in self.location_ids
        return False

    def require_location(self, location_id: UUID, message: str = "") -> None:
        """Raise ``Forbidden`` (``LOCATION_FORBIDDEN``) unless the actor may act at the location."""
        if not self.can_see_location(location_id):
            raise Forbidden(
                message or "this location is not yours to act on",
                code="LOCATION_FORBIDDEN",
                details={"location_id": str(location_id)},
            )

    def can_see_booking(self, user_id: UUID, location_id: UUID) -> bool:
        """Members see their own bookings; staff their locations'; admins all."""
        if self.role is Role.MEMBER:
            return self.user_id == user_id
        return self.can_see_location(location_id)

    def require(self, *roles: Role) -> None:
        """Raise ``Forbidden`` unless the actor has one of ``roles``."""
        if self.role not in roles:
            raise Forbidden(
                f"the {self.role.value} role may not do this",
                details={"role": self.role.value, "allowed": [r.value for r in roles]},
            )


SYSTEM = Actor(role=Role.SERVICE, subject="system")
