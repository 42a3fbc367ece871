"""Catalog routes: locations, resources and blackouts (admins write, everyone reads)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.api import context
from booking.api.responses import ERRORS, reply
from booking.api.schemas import (
    BlackoutBody,
    BlackoutList,
    Cursor,
    Limit,
    LocationBody,
    LocationList,
    LocationOut,
    LocationPatchBody,
    ResourceBody,
    ResourcePatchBody,
    ResourceStatusBody,
)
from booking.domain.models import ResourceStatus
from booking.domain.pagination import DEFAULT_LIMIT, PageRequest
from booking.domain.serialization import location_to_dict, resource_to_dict
from booking.services import catalog as svc
from booking.services import catalog_admin

router = Router()


@router.get("/locations", summary="Locations with their bays", responses=ERRORS)
def list_locations(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> LocationList:
    """Locations by name with their resources, a page at a time."""
    context.current_actor(router)
    page = svc.list_locations(context.unit_of_work(), PageRequest(limit, cursor))
    return LocationList.model_validate(
        {
            "locations": [location_to_dict(loc, res) for loc, res in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@router.get("/locations/<location_id>", summary="One location", responses=ERRORS)
def get_location(location_id: UUID) -> LocationOut:
    """One location with its resources."""
    context.current_actor(router)
    loc, res = svc.get_location(location_id, context.unit_of_work())
    return LocationOut.model_validate(location_to_dict(loc, res))


@router.post("/locations", summary="Create a location", responses=ERRORS)
def create_location(body: LocationBody) -> Response[dict[str, Any]]:
    """Add a location (admin)."""
    actor = context.current_actor(router)
    loc = svc.create_location(
        svc.CreateLocation(**body.model_dump()), context.unit_of_work(), actor
    )
    return reply(201, location_to_dict(loc, []))


@router.patch("/locations/<location_id>", summary="Edit a location", responses=ERRORS)
def update_location(location_id: UUID, body: LocationPatchBody) -> dict[str, Any]:
    """Opening hours per weekday (wall clock in the club's zone), refund policy, name (admin)."""
    actor = context.current_actor(router)
    loc = catalog_admin.update_location(
        catalog_admin.UpdateLocation(
            location_id=location_id, **body.model_dump(exclude_unset=True)
        ),
        context.unit_of_work(),
        actor,
    )
    return location_to_dict(loc)


@router.patch("/resources/<resource_id>", summary="Edit a bay", responses=ERRORS)
def update_resource(resource_id: UUID, body: ResourcePatchBody) -> dict[str, Any]:
    """Status, turnover buffer, type, name or capacity (staff of its location, admin)."""
    actor = context.current_actor(router)
    res = catalog_admin.update_resource(
        catalog_admin.UpdateResource(
            resource_id=resource_id, **body.model_dump(exclude_unset=True)
        ),
        context.unit_of_work(),
        actor,
    )
    return resource_to_dict(res)


@router.post("/resources", summary="Create a resource", responses=ERRORS)
def create_resource(body: ResourceBody) -> Response[dict[str, Any]]:
    """Add a bay or other resource (admin)."""
    actor = context.current_actor(router)
    data = body.model_dump()
    data["unifi_door_ids"] = tuple(data["unifi_door_ids"])
    res = svc.create_resource(svc.CreateResource(**data), context.unit_of_work(), actor)
    return reply(201, resource_to_dict(res))


@router.put("/resources/<resource_id>/status", summary="Set a bay's status", responses=ERRORS)
def set_status(resource_id: UUID, body: ResourceStatusBody) -> dict[str, Any]:
    """Take a bay out of service or bring it back."""
    actor = context.current_actor(router)
    res = svc.set_resource_status(
        resource_id, ResourceStatus(body.status), context.unit_of_work(), actor
    )
    return resource_to_dict(res)


@router.get("/blackouts", summary="Blackouts", responses=ERRORS)
def list_blackouts(
    location_id: Annotated[UUID | None, Query()] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> BlackoutList:
    """Blackouts by start (of one location and its bays when given), a page at a time."""
    context.current_actor(router)
    page = svc.list_blackouts(context.unit_of_work(), location_id, PageRequest(limit, cursor))
    return BlackoutList.model_validate(
        {
            "blackouts": [svc.blackout_to_dict(b) for b in page.items],
            "next_cursor": page.next_cursor,
        }
    )


@router.post("/blackouts", summary="Create a blackout", responses=ERRORS)
def create_blackout(body: BlackoutBody) -> Response[dict[str, Any]]:
    """Block a location or one bay for a period (admin)."""
    actor = context.current_actor(router)
    b = svc.add_blackout(
        context.unit_of_work(),
        actor,
        start=body.start,
        end=body.end,
        reason=body.reason,
        location_id=body.location_id,
        resource_id=body.resource_id,
    )
    return reply(201, svc.blackout_to_dict(b))


@router.delete("/blackouts/<blackout_id>", summary="Delete a blackout", responses=ERRORS)
def delete_blackout(blackout_id: UUID) -> Response[None]:
    """Remove a blackout (admin)."""
    actor = context.current_actor(router)
    svc.delete_blackout(blackout_id, context.unit_of_work(), actor)
    return Response(status_code=204)
