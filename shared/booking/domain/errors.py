"""Typed domain errors. The API maps each class to an HTTP status once; nothing matches text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    """One machine-readable reason with a human message (why a booking is refused)."""

    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """Return the reason as a JSON-ready dict."""
        return {"code": self.code, "message": self.message}


class DomainError(Exception):
    """Base of every error the platform reports to a caller."""

    code = "DOMAIN_ERROR"

    def __init__(self, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details if details is not None else {}


class InvalidRequest(DomainError):
    """The request is well-formed but its values make no sense (end before start, past...)."""

    code = "INVALID_REQUEST"


class NotFound(DomainError):
    """The thing does not exist, or the caller may not know that it does."""

    code = "NOT_FOUND"


class Forbidden(DomainError):
    """The caller is known but their role does not allow this."""

    code = "FORBIDDEN"


class ServiceUnavailable(DomainError):
    """Something the request needs is not configured or reachable right now (503)."""

    code = "SERVICE_UNAVAILABLE"


class Conflict(DomainError):
    """The request collides with the current state (version, status)."""

    code = "CONFLICT"


class SlotTaken(Conflict):
    """Another active booking holds the bay for an overlapping time (settled by PostgreSQL)."""

    code = "SLOT_TAKEN"

    def __init__(
        self,
        message: str = "That time is already booked on this bay",
        *,
        alternatives: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message, details={"alternatives": alternatives or []})
        self.alternatives = alternatives or []


class TransientConflict(Conflict):
    """PostgreSQL aborted the transaction to break a deadlock or a serialization conflict.

    Safe to retry from the start; the use cases that can meet it retry a few times first.
    """

    code = "CONCURRENT_UPDATE"


class InvalidTransition(Conflict):
    """A status change that the booking's lifecycle does not allow."""

    code = "INVALID_STATUS_TRANSITION"


class VersionMismatch(Conflict):
    """The caller changed an older version of the booking than the one stored."""

    code = "VERSION_MISMATCH"


class InsufficientCredits(Conflict):
    """The member's credit balance cannot pay for the booking."""

    code = "INSUFFICIENT_CREDITS"


@dataclass
class BookingRejected(DomainError):
    """Rules or hard constraints refuse the booking; carries every reason, not just the first."""

    reasons: list[Reason] = field(default_factory=list)

    def __post_init__(self) -> None:
        DomainError.__init__(
            self,
            "; ".join(r.message for r in self.reasons) or "Booking refused",
            code="BOOKING_REJECTED",
            details={"reasons": [r.as_dict() for r in self.reasons]},
        )

    def __str__(self) -> str:
        return self.message


class InvalidRule(DomainError):
    """A rule whose CEL condition or action cannot be used; the parser's message is kept."""

    code = "INVALID_RULE"
