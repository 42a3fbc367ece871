"""Booking routes: create (idempotent), read, list, modify, cancel, check in."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from datetime import date, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING, Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Query

from booking.api import context
from booking.api.errors import database_unavailable, error_response
from booking.api.responses import ERROR_RESPONSES, ERRORS, reply
from booking.api.schemas import (
    BookingList,
    BookingOut,
    CancelBody,
    CreateBookingBody,
    Cursor,
    Limit,
    ModifyBookingBody,
    RefundPreviewOut,
)
from booking.config import settings
from booking.domain.pagination import DEFAULT_LIMIT, PageRequest
from booking.domain.serialization import booking_to_dict
from booking.services import bookings as svc

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer

# Powertools' idempotency package is imported only by a create that carries an
# Idempotency-Key: the package imports its DynamoDB layer and so boto3, which nothing else in
# this function needs. Its refusals are therefore mapped where that create runs
# (``_create_with_key``) and answered through ``_Refused``, not by handlers registered on its
# exception classes at import.

router = Router()


class _Refused(Exception):
    """A keyed create refused by the idempotency layer; ``response`` is the reply."""

    def __init__(self, response: Response[Any]) -> None:
        super().__init__(response.status_code)
        self.response = response


@router.exception_handler(_Refused)
def _refused(exc: _Refused) -> Response[Any]:
    return exc.response


def _idempotency_reply(exc: Exception) -> Response[Any] | None:
    """The reply to a refusal of Powertools' idempotency layer (None for any other error)."""
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyPersistenceLayerError,
        IdempotencyValidationError,
    )

    if isinstance(exc, IdempotencyAlreadyInProgressError):
        return error_response(
            HTTPStatus.CONFLICT,
            "IDEMPOTENCY_IN_PROGRESS",
            "A request with this Idempotency-Key is still being processed",
            headers={"Retry-After": "1"},
        )
    if isinstance(exc, IdempotencyPersistenceLayerError):
        # The idempotency records live in PostgreSQL: the store failing is the database failing.
        return database_unavailable(exc)
    if isinstance(exc, IdempotencyValidationError):
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was used with a different request body",
        )
    return None


def _stamp(request: dict[str, Any]) -> svc.IdempotencyStamp | None:
    """The key and request fingerprint stored on the booking when an Idempotency-Key came."""
    if not request.get("key"):
        return None
    key = hashlib.sha256(f"{request['caller']}\n{request['key']}".encode()).hexdigest()
    body = json.dumps(request["body"], sort_keys=True, separators=(",", ":"))
    return svc.IdempotencyStamp(
        key=key,
        request=hashlib.sha256(body.encode()).hexdigest(),
        window=timedelta(seconds=settings().idempotency_ttl_seconds),
    )


def _create(request: dict[str, Any], body: CreateBookingBody) -> dict[str, Any]:
    """Create the booking ``body`` asks for; ``request`` is its plain-JSON form (the key, the
    caller and the body as sent) that idempotency stores and compares, and the result is plain
    JSON too, so it can be stored."""
    actor = context.current_actor(router)
    cmd = body.to_command(idempotency=_stamp(request))
    booking = svc.create_booking(cmd, context.unit_of_work(), actor, context.now())
    return booking_to_dict(booking)


def _create_once() -> tuple[IdempotencyConfig, Callable[..., dict[str, Any]]]:
    """``_create`` behind Powertools idempotency, on the runtime's store (one per environment)."""
    return _create_once_on(context.idempotency_store())


@functools.lru_cache(maxsize=1)
def _create_once_on(
    store: PostgresPersistenceLayer,
) -> tuple[IdempotencyConfig, Callable[..., dict[str, Any]]]:
    """``_create`` behind Powertools idempotency, keyed by caller + Idempotency-Key.

    The body is validated against the first request's, so reusing a key for another booking
    is refused rather than answered with the wrong booking. Built once per store, so it
    writes on the connection of the runtime that made the store.
    """
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function

    config = IdempotencyConfig(
        event_key_jmespath="[caller, key]",
        payload_validation_jmespath="body",
        expires_after_seconds=settings().idempotency_ttl_seconds,
        raise_on_no_idempotency_key=True,
    )
    return config, idempotent_function(
        data_keyword_argument="request",
        persistence_store=store,
        config=config,
    )(_create)


def _create_with_key(request: dict[str, Any], body: CreateBookingBody) -> dict[str, Any]:
    """``_create`` once per caller and Idempotency-Key; the layer's refusals raise ``_Refused``."""
    config, create_once = _create_once()
    # The remaining time bounds how long an in-progress record blocks a retry.
    config.register_lambda_context(router.lambda_context)
    try:
        return create_once(request=request, body=body)
    except Exception as exc:
        refusal = _idempotency_reply(exc)
        if refusal is None:
            raise
        raise _Refused(refusal) from exc


@router.post(
    "/bookings",
    summary="Book a bay",
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": BookingOut}}},
        **ERROR_RESPONSES,
    },
)
def create_booking(
    body: CreateBookingBody,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="idempotency-key",
            max_length=200,
            description="Retrying a POST with the same key returns the first result",
        ),
    ] = None,
) -> Response[BookingOut]:
    """Create a booking; a retried POST with the same Idempotency-Key returns the first result."""
    if idempotency_key:
        actor = context.current_actor(router)  # fail auth before touching the store
        request: dict[str, Any] = {
            "body": body.model_dump(mode="json"),
            "caller": actor.subject or str(actor.user_id),
            "key": idempotency_key,
        }
        result = _create_with_key(request, body)
    else:
        result = _create({}, body)  # the plain-JSON form serves only the key's fingerprint
    return reply(201, result)


@router.get("/bookings/<booking_id>", summary="One booking", responses=ERRORS)
def get_booking(booking_id: UUID) -> BookingOut:
    """A booking the caller may see (404 otherwise)."""
    actor = context.current_actor(router)
    return BookingOut.model_validate(
        booking_to_dict(svc.get_booking(booking_id, context.unit_of_work(), actor))
    )


@router.get("/bookings", summary="List bookings", responses=ERRORS)
def list_bookings(
    location_id: Annotated[UUID | None, Query(description="staff: a location's day")] = None,
    date_: Annotated[date | None, Query(alias="date", description="local day, YYYY-MM-DD")] = None,
    user_id: Annotated[UUID | None, Query(description="staff: one member")] = None,
    include_past: Annotated[bool, Query()] = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> BookingList:
    """A member's own bookings; staff may list a location's bookings for a day.

    By start, a page at a time: follow ``next_cursor`` with the same filters.
    """
    actor = context.current_actor(router)
    found = svc.list_bookings(
        context.unit_of_work(),
        actor,
        now=context.now(),
        location_id=location_id,
        day=date_,
        user_id=user_id,
        include_past=include_past,
        page=PageRequest(limit, cursor),
    )
    return BookingList.model_validate(
        {"bookings": [booking_to_dict(b) for b in found.items], "next_cursor": found.next_cursor}
    )


@router.patch("/bookings/<booking_id>", summary="Reschedule or change bay", responses=ERRORS)
def modify_booking(booking_id: UUID, body: ModifyBookingBody) -> BookingOut:
    """Reschedule and/or move to another bay, with the same checks as a new booking."""
    actor = context.current_actor(router)
    cmd = body.to_command(booking_id)
    return BookingOut.model_validate(
        booking_to_dict(svc.modify_booking(cmd, context.unit_of_work(), actor, context.now()))
    )


@router.get(
    "/bookings/<booking_id>/cancel-preview",
    summary="What cancelling now would refund",
    responses=ERRORS,
)
def cancel_preview(booking_id: UUID) -> RefundPreviewOut:
    """The refund the location's policy gives if the booking is cancelled now (nothing changes)."""
    actor = context.current_actor(router)
    return RefundPreviewOut.model_validate(
        svc.refund_preview(booking_id, context.unit_of_work(), actor, context.now())
    )


@router.post("/bookings/<booking_id>/cancel", summary="Cancel", responses=ERRORS)
def cancel_booking(
    booking_id: UUID, body: Annotated[CancelBody | None, Body()] = None
) -> BookingOut:
    """Cancel; credits come back by the location's cancellation policy."""
    actor = context.current_actor(router)
    opts = body or CancelBody()
    return BookingOut.model_validate(
        booking_to_dict(
            svc.cancel_booking(
                booking_id,
                context.unit_of_work(),
                actor,
                context.now(),
                reason=opts.reason,
                full_refund=opts.full_refund,
                refund_credits=opts.refund_credits,
            )
        )
    )


@router.post("/bookings/<booking_id>/check-in", summary="Check in (kiosk, staff)", responses=ERRORS)
def check_in(booking_id: UUID) -> BookingOut:
    """Kiosks and staff check a member in, from the door window's opening until the booking ends.

    Members check in by proving presence (the pass scanned at the door or the kiosk); their
    own call is refused with 403 ``PRESENCE_REQUIRED``.
    """
    actor = context.current_actor(router)
    return BookingOut.model_validate(
        booking_to_dict(svc.check_in(booking_id, context.unit_of_work(), actor, context.now()))
    )
