"""Operations for staff: is everything flowing? The outbox's backlog, the consumers' dead
letters (with replay), the last HubSpot sync, failed lifecycle steps and each bay's health.

Chain-wide plumbing (outbox, dead letters, HubSpot) is for admins; staff see the lifecycle
failures and device health of their own locations.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar
from uuid import UUID

from booking.adapters.dead_letters import ReplayReport
from booking.domain.actors import Actor, Role
from booking.domain.errors import DomainError, NotFound, ServiceUnavailable
from booking.domain.serialization import iso
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import who
from booking.services.staff_scope import visible_locations

HUBSPOT_LAST_RUN_KEY = "hubspot.sync.last_run"


class DeadLetterQueues(Protocol):
    """What operations needs of the consumers' dead-letter queues."""

    def consumers(self) -> list[str]:
        """Consumer names."""
        ...

    def count(self, consumer: str) -> int:
        """Messages waiting."""
        ...

    def peek(self, consumer: str, limit: int = 10) -> list[Any]:
        """A look at some messages, leaving them in place."""
        ...

    def replay(self, consumer: str) -> ReplayReport:
        """Put the messages back on the bus."""
        ...


def record_sync_run(
    uow: UnitOfWork,
    *,
    at: datetime,
    outcome: str,
    report: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """Remember the HubSpot sync's last run and its outcome (``ok`` or ``error``)."""
    with uow:
        uow.integrations.set_state(
            HUBSPOT_LAST_RUN_KEY,
            {"at": iso(at), "outcome": outcome, "report": report or {}, "error": error},
        )
        uow.commit()


def _alert(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "booking_id": str(row["booking_id"]) if row["booking_id"] else None,
        "location_id": str(row["location_id"]) if row["location_id"] else None,
        "resource_name": row["resource_name"],
        "booking_start": iso(row["starts_at"]),
        "version": row["version"],
        "state": row["state"],
        "error": row["error"],
        "cause": (row["cause"] or "")[:500],
        "at": iso(row["created_at"]),
    }


def _bay(row: dict[str, Any]) -> dict[str, Any]:
    last = row["last_unhealthy"]
    return {
        "id": str(row["id"]),
        "location_id": str(row["location_id"]),
        "location_name": row["location_name"],
        "name": row["name"],
        "type": row["type"],
        "status": row["status"],
        "device_id": row["ninjaone_device_id"],
        "healthy": row["status"] != "unhealthy",
        "last_unhealthy": last,
        "last_cleanup_at": iso(row["last_cleanup_at"]),
    }


def overview(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    dead_letters: Callable[[], DeadLetterQueues] | None = None,
    location_id: UUID | None = None,
) -> dict[str, Any]:
    """Everything the operations screen shows, scoped to what the caller may see."""
    with uow:
        locations = visible_locations(uow, actor, location_id)
        repo = uow.operations
        out: dict[str, Any] = {
            "now": iso(now),
            "failed_lifecycle": [_alert(r) for r in repo.failed_lifecycle(locations)],
            "devices": [_bay(r) for r in repo.device_health(locations)],
            "outbox": None,
            "dead_letters": None,
            "hubspot_sync": None,
        }
        if actor.is_privileged:
            box = repo.outbox(now)
            out["outbox"] = {
                "pending": int(box["pending"]),
                "oldest_pending_seconds": float(box["oldest_pending_seconds"] or 0),
                "failing": int(box["failing"]),
                "last_published_at": iso(box["last_published_at"]),
                "last_error": box["last_error"],
            }
            last = repo.state(HUBSPOT_LAST_RUN_KEY)
            watermark = repo.state("hubspot.contacts.watermark_ms")
            out["hubspot_sync"] = {
                "last_run": last["value"] if last else None,
                "watermark_ms": watermark["value"] if watermark else None,
            }
    if actor.is_privileged and dead_letters is not None:
        queues = dead_letters()
        out["dead_letters"] = _unavailable_as_503(
            lambda: [{"consumer": c, "count": queues.count(c)} for c in queues.consumers()]
        )
    return out


T = TypeVar("T")


def _unavailable_as_503(read: Callable[[], T]) -> T:
    """Run a queue operation; the queue service failing is a 503, not the caller's fault."""
    try:
        return read()
    except (DomainError, ValueError, TypeError, KeyError):
        raise
    except Exception as exc:  # botocore's errors: the service or its configuration
        raise ServiceUnavailable(
            "the dead-letter queues cannot be read right now",
            code="QUEUES_UNAVAILABLE",
            details={"reason": type(exc).__name__},
        ) from exc


def _queues_for(actor: Actor, dead_letters: Callable[[], DeadLetterQueues], consumer: str) -> Any:
    actor.require(Role.ADMIN, Role.SERVICE)
    queues = dead_letters()
    if consumer not in queues.consumers():
        raise NotFound(f"no dead-letter queue for {consumer!r}", code="CONSUMER_NOT_FOUND")
    return queues


def peek_dead_letters(
    consumer: str, actor: Actor, dead_letters: Callable[[], DeadLetterQueues], limit: int = 10
) -> dict[str, Any]:
    """A look at a consumer's dead letters (admins)."""
    queues = _queues_for(actor, dead_letters, consumer)
    return _unavailable_as_503(
        lambda: {
            "consumer": consumer,
            "count": queues.count(consumer),
            "messages": [m.__dict__ for m in queues.peek(consumer, limit)],
        }
    )


def replay_dead_letters(
    consumer: str,
    uow: UnitOfWork,
    actor: Actor,
    dead_letters: Callable[[], DeadLetterQueues],
) -> dict[str, Any]:
    """Put a consumer's dead letters back on the bus (admins); recorded with who did it."""
    queues = _queues_for(actor, dead_letters, consumer)
    report = _unavailable_as_503(lambda: queues.replay(consumer))
    with uow:
        uow.staff.record_action(
            actor=who(actor),
            action="dead_letters_replayed",
            details={"consumer": consumer, "replayed": report.replayed, "left": report.left},
        )
        uow.commit()
    return {"consumer": consumer, "replayed": report.replayed, "left": report.left}
