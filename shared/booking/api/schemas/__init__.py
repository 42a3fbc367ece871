"""Request and response models of the API; the OpenAPI document is generated from them.

One module per area (``bookings``, ``availability``, ``rules``, ``catalog``, ``members``) and
``common`` for what they share. The names are also reachable here, each loading only its own
module on first access (PEP 562): a function builds the model classes of its own routes at
import, not every area's.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from booking.api.schemas.availability import (
        AvailabilityOut,
        SlotOut,
    )
    from booking.api.schemas.bookings import (
        BookingList,
        CancelBody,
        CreateBookingBody,
        ModifyBookingBody,
        RefundPreviewOut,
    )
    from booking.api.schemas.catalog import (
        BlackoutBody,
        BlackoutList,
        LocationBody,
        LocationList,
        LocationOut,
        ResourceBody,
        ResourceOut,
        ResourceStatusBody,
    )
    from booking.api.schemas.common import (
        NEXT_CURSOR,
        BookingOut,
        Cursor,
        ErrorBody,
        ErrorOut,
        Limit,
    )
    from booking.api.schemas.members import (
        CreditEntryOut,
        CreditsOut,
        MeOut,
    )
    from booking.api.schemas.rules import (
        CheckOut,
        RuleBody,
        RuleList,
        RuleOut,
    )

# Name -> the module (in this package) that defines it.
_MODULES: dict[str, str] = {
    "AvailabilityOut": "availability",
    "BlackoutBody": "catalog",
    "BlackoutList": "catalog",
    "BookingList": "bookings",
    "BookingOut": "common",
    "CancelBody": "bookings",
    "CheckOut": "rules",
    "CreateBookingBody": "bookings",
    "CreditEntryOut": "members",
    "CreditsOut": "members",
    "Cursor": "common",
    "ErrorBody": "common",
    "ErrorOut": "common",
    "Limit": "common",
    "LocationBody": "catalog",
    "LocationList": "catalog",
    "LocationOut": "catalog",
    "MeOut": "members",
    "ModifyBookingBody": "bookings",
    "NEXT_CURSOR": "common",
    "RefundPreviewOut": "bookings",
    "ResourceBody": "catalog",
    "ResourceOut": "catalog",
    "ResourceStatusBody": "catalog",
    "RuleBody": "rules",
    "RuleList": "rules",
    "RuleOut": "rules",
    "SlotOut": "availability",
}


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first access and keep the name here."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The names of this package, loaded or not."""
    return sorted([*globals(), *_MODULES])


__all__ = [
    "NEXT_CURSOR",
    "AvailabilityOut",
    "BlackoutBody",
    "BlackoutList",
    "BookingList",
    "BookingOut",
    "CancelBody",
    "CheckOut",
    "CreateBookingBody",
    "CreditEntryOut",
    "CreditsOut",
    "Cursor",
    "ErrorBody",
    "ErrorOut",
    "Limit",
    "LocationBody",
    "LocationList",
    "LocationOut",
    "MeOut",
    "ModifyBookingBody",
    "RefundPreviewOut",
    "ResourceBody",
    "ResourceOut",
    "ResourceStatusBody",
    "RuleBody",
    "RuleList",
    "RuleOut",
    "SlotOut",
]
