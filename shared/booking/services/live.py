"""Live updates: WebSocket connections follow a location's day; booking events reach them.

* ``connect`` registers a connection opened with a valid token (``$connect``);
* ``subscribe`` / ``unsubscribe`` follow or drop a (location, day) pair;
* ``disconnect`` forgets it (``$disconnect``);
* ``broadcast`` turns a booking event from the bus into one message per subscriber, posted
  through API Gateway's management API; a connection that answers ``GoneException`` is removed,
  as is one whose token has expired (it is closed, and the client reconnects with a new token).

Pushes are best effort: the clients fall back to polling while their socket is down, so a push
that fails is logged, not retried (a retry would repeat the message to everyone else).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.adapters.postgres.repositories import LiveConnection
from booking.domain import live
from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, InvalidRequest, NotFound
from booking.services.ports import UnitOfWork

logger = logging.getLogger(__name__)

CONNECTION_MAX_AGE = timedelta(hours=2)
"""API Gateway closes every WebSocket connection after 2 hours."""


class Pusher(Protocol):
    """Posts to and closes WebSocket connections (``booking.adapters.live_push``)."""

    def post(self, connection_id: str, message: dict[str, Any]) -> bool:
        """Send; False when the connection is gone."""
        ...

    def close(self, connection_id: str) -> None:
        """Close the connection."""
        ...


def connect(
    uow: UnitOfWork, connection_id: str, actor: Actor, expires_at: datetime, now: datetime
) -> LiveConnection:
    """Register a connection opened by ``actor`` whose token expires at ``expires_at``."""
    if not connection_id or len(connection_id) > 128:
        raise InvalidRequest("connection id missing or too long", code="INVALID_CONNECTION")
    conn = LiveConnection(
        connection_id=connection_id,
        role=actor.role.value,
        subject=actor.subject,
        user_id=actor.user_id,
        location_ids=actor.location_ids,
        all_locations=actor.all_locations,
        connected_at=now,
        expires_at=expires_at,
    )
    with uow:
        uow.live.add(conn)
        uow.commit()
    return conn


def disconnect(uow: UnitOfWork, connection_id: str) -> bool:
    """Forget a connection and its subscriptions; True when it was registered."""
    with uow:
        removed = uow.live.remove([connection_id]) > 0
        uow.commit()
    return removed


def _registered(uow: UnitOfWork, connection_id: str) -> LiveConnection:
    found = uow.live.get(connection_id)
    if found is None:
        raise NotFound("this connection is not registered", code="CONNECTION_NOT_FOUND")
    return found


def _actor_of(c: LiveConnection) -> Actor:
    return Actor(
        role=Role(c.role),
        user_id=c.user_id,
        location_ids=c.location_ids,
        subject=c.subject,
        all_locations=c.all_locations,
    )


def subscribe(
    uow: UnitOfWork, connection_id: str, location_id: UUID, day: date, now: datetime
) -> dict[str, Any]:
    """Follow ``location_id`` on ``day`` (a wall-clock day in the location's zone).

    Members may follow any location (its slots are public to them); staff and kiosks only the
    locations their token serves. Days far from today and more than ``MAX_SUBSCRIPTIONS`` at
    once are refused.
    """
    with uow:
        actor = _actor_of(_registered(uow, connection_id))
        if actor.role in (Role.STAFF, Role.KIOSK) and not actor.can_see_location(location_id):
            raise Forbidden("this token does not serve that location", code="LOCATION_FORBIDDEN")
        location = uow.locations.get(location_id)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        today = now.astimezone(ZoneInfo(location.time_zone)).date()
        first = today - timedelta(days=live.SUBSCRIBE_DAYS_BACK)
        last = today + timedelta(days=live.SUBSCRIBE_DAYS_AHEAD)
        if not first <= day <= last:
            raise InvalidRequest(
                f"day must be between {first} and {last}",
                code="DAY_OUT_OF_RANGE",
                details={"first": first.isoformat(), "last": last.isoformat()},
            )
        if uow.live.subscription_count(connection_id) >= live.MAX_SUBSCRIPTIONS:
            raise InvalidRequest(
                f"a connection follows at most {live.MAX_SUBSCRIPTIONS} days; unsubscribe first",
                code="TOO_MANY_SUBSCRIPTIONS",
            )
        uow.live.subscribe(connection_id, location_id, day)
        uow.commit()
    return {"type": "subscribed", "location_id": str(location_id), "day": day.isoformat()}


def unsubscribe(
    uow: UnitOfWork, connection_id: str, location_id: UUID | None, day: date | None
) -> dict[str, Any]:
    """Stop following one location's day (or all when no location is given)."""
    with uow:
        _registered(uow, connection_id)
        uow.live.unsubscribe(connection_id, location_id, day)
        uow.commit()
    return {
        "type": "unsubscribed",
        "location_id": str(location_id) if location_id else None,
        "day": day.isoformat() if day else None,
    }


@dataclass
class BroadcastReport:
    """What one event's broadcast did."""

    days: list[str] = field(default_factory=list)
    sent: int = 0
    gone: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def broadcast(
    uow: UnitOfWork,
    pusher: Pusher,
    detail_type: str,
    detail: dict[str, Any],
    now: datetime,
) -> BroadcastReport:
    """Push a booking event's slot change to the subscribers of the days it touches."""
    report = BroadcastReport()
    booking = detail.get("booking")
    if not isinstance(booking, dict) or "location_id" not in booking:
        return report  # not a booking event: nothing to show on a grid
    location_id = UUID(booking["location_id"])
    with uow:
        location = uow.locations.get(location_id)
        if location is None:
            return report
        days = live.days_touched(detail, location.time_zone)
        subscribers = uow.live.subscribers(location_id, days)
    report.days = sorted(d.isoformat() for d in days)
    base = live.slot_change(detail_type, detail, days)
    for conn in subscribers:
        if conn.expires_at <= now:
            pusher.close(conn.connection_id)
            report.expired.append(conn.connection_id)
            continue
        message = live.message_for(
            base,
            detail,
            role=conn.role,
            user_id=conn.user_id,
            location_ids=conn.location_ids,
            all_locations=conn.all_locations,
        )
        try:
            delivered = pusher.post(conn.connection_id, message)
        except Exception as exc:  # one broken connection must not starve the others
            logger.warning("push to %s failed: %s", conn.connection_id, exc)
            report.failed.append(conn.connection_id)
            continue
        if delivered:
            report.sent += 1
        else:
            report.gone.append(conn.connection_id)
    stale = report.gone + report.expired
    if stale:
        with uow:
            uow.live.remove(stale)
            uow.commit()
    return report
