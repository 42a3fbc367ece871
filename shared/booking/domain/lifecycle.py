"""Which status changes a booking may make."""

from __future__ import annotations

from booking.domain.errors import InvalidTransition
from booking.domain.models import BookingStatus

S = BookingStatus

ALLOWED: dict[BookingStatus, frozenset[BookingStatus]] = {
    S.CONFIRMED: frozenset({S.CHECKED_IN, S.CANCELLED, S.NO_SHOW, S.COMPLETED}),
    S.CHECKED_IN: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.NO_SHOW: frozenset(),
    S.HELD: frozenset({S.CONFIRMED, S.LAPSED}),
    S.LAPSED: frozenset(),
}


def ensure_transition(current: BookingStatus, target: BookingStatus) -> None:
    """Raise ``InvalidTransition`` unless ``current`` may become ``target``."""
    if target not in ALLOWED[current]:
        raise InvalidTransition(
            f"a {current.value} booking cannot become {target.value}",
            details={"status": current.value, "requested": target.value},
        )


def ensure_modifiable(current: BookingStatus) -> None:
    """Only a confirmed booking (not yet started) can be rescheduled or moved."""
    if current is not S.CONFIRMED:
        raise InvalidTransition(
            f"a {current.value} booking cannot be changed",
            details={"status": current.value},
        )
