"""Which locations a staff caller may see: the one place the dashboard's lists are scoped.

The answer always agrees with ``Actor.can_see_location``: it is computed from it, location by
location, so a change to who may see what applies to every list at once.
"""

from __future__ import annotations

from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, NotFound
from booking.services.ports import UnitOfWork

STAFF_ROLES = (Role.STAFF, Role.ADMIN, Role.SERVICE)


def require_staff(actor: Actor) -> None:
    """Staff, admins and services only."""
    actor.require(*STAFF_ROLES)


def require_location(uow: UnitOfWork, actor: Actor, location_id: UUID) -> None:
    """Raise unless the location exists and the caller may see it (call inside ``with uow``)."""
    if not actor.can_see_location(location_id):
        raise Forbidden("this location is not yours to see", code="LOCATION_FORBIDDEN")
    if uow.locations.get(location_id) is None:
        raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")


def visible_locations(
    uow: UnitOfWork, actor: Actor, requested: UUID | None = None
) -> list[UUID] | None:
    """The locations a list may show (call inside ``with uow``); None means all of them.

    With ``requested`` the list is that location alone, which the caller must be allowed to see.
    """
    require_staff(actor)
    if requested is not None:
        require_location(uow, actor, requested)
        return [requested]
    if actor.is_privileged:
        return None
    return [loc.id for loc in uow.locations.list() if actor.can_see_location(loc.id)]
