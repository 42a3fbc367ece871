"""Request and response models of the API; the OpenAPI document is generated from them.

One module per area (``bookings``, ``availability``, ``rules``, ``catalog``, ``members``, and the
staff dashboard's ``staff``, ``member_admin``, ``operations`` and ``reports``) and ``common``
for what they share. The names are also reachable here, each loading only its own
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
        LocationPatchBody,
        ResourceBody,
        ResourceOut,
        ResourcePatchBody,
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
    from booking.api.schemas.member_admin import (
        BookingPage,
        CreditChangeBody,
        CreditChangeOut,
        LedgerPage,
        LedgerRowOut,
        MemberFigures,
        MemberOut,
        MemberPage,
        MemberProfileOut,
    )
    from booking.api.schemas.members import (
        CreditEntryOut,
        CreditsOut,
        MeOut,
    )
    from booking.api.schemas.operations import (
        DeadLetterCount,
        DeadLetterOut,
        DeadLettersOut,
        DeviceOut,
        FailedStepOut,
        HubSpotSyncOut,
        OperationsOut,
        OutboxOut,
        ReplayOut,
    )
    from booking.api.schemas.reports import (
        BayUtilisation,
        DayCount,
        HeatmapRow,
        ReportOut,
        ReportSummary,
        SourceCount,
    )
    from booking.api.schemas.rules import (
        CheckOut,
        RuleActiveBody,
        RuleBody,
        RuleList,
        RuleOut,
        RuleProblem,
        RuleValidationOut,
    )
    from booking.api.schemas.staff import (
        BayOut,
        BlackoutOut,
        BookingHitOut,
        BookingHitPage,
        ClubOut,
        FloorBayOut,
        FloorWaitingOut,
        MemberRef,
        StaffFloorOut,
        TimelineEntryOut,
        TimelineOut,
    )

# Name -> the module (in this package) that defines it.
_MODULES: dict[str, str] = {
    "AvailabilityOut": "availability",
    "BayOut": "staff",
    "BayUtilisation": "reports",
    "BlackoutBody": "catalog",
    "BlackoutList": "catalog",
    "BlackoutOut": "staff",
    "BookingHitOut": "staff",
    "BookingHitPage": "staff",
    "BookingList": "bookings",
    "BookingOut": "common",
    "BookingPage": "member_admin",
    "CancelBody": "bookings",
    "CheckOut": "rules",
    "ClubOut": "staff",
    "CreateBookingBody": "bookings",
    "CreditChangeBody": "member_admin",
    "CreditChangeOut": "member_admin",
    "CreditEntryOut": "members",
    "CreditsOut": "members",
    "Cursor": "common",
    "DayCount": "reports",
    "DeadLetterCount": "operations",
    "DeadLetterOut": "operations",
    "DeadLettersOut": "operations",
    "DeviceOut": "operations",
    "ErrorBody": "common",
    "ErrorOut": "common",
    "FailedStepOut": "operations",
    "FloorBayOut": "staff",
    "FloorWaitingOut": "staff",
    "HeatmapRow": "reports",
    "HubSpotSyncOut": "operations",
    "LedgerPage": "member_admin",
    "LedgerRowOut": "member_admin",
    "Limit": "common",
    "LocationBody": "catalog",
    "LocationList": "catalog",
    "LocationOut": "catalog",
    "LocationPatchBody": "catalog",
    "MeOut": "members",
    "MemberFigures": "member_admin",
    "MemberOut": "member_admin",
    "MemberPage": "member_admin",
    "MemberProfileOut": "member_admin",
    "MemberRef": "staff",
    "ModifyBookingBody": "bookings",
    "NEXT_CURSOR": "common",
    "OperationsOut": "operations",
    "OutboxOut": "operations",
    "RefundPreviewOut": "bookings",
    "ReplayOut": "operations",
    "ReportOut": "reports",
    "ReportSummary": "reports",
    "ResourceBody": "catalog",
    "ResourceOut": "catalog",
    "ResourcePatchBody": "catalog",
    "ResourceStatusBody": "catalog",
    "RuleActiveBody": "rules",
    "RuleBody": "rules",
    "RuleList": "rules",
    "RuleOut": "rules",
    "RuleProblem": "rules",
    "RuleValidationOut": "rules",
    "SlotOut": "availability",
    "SourceCount": "reports",
    "StaffFloorOut": "staff",
    "TimelineEntryOut": "staff",
    "TimelineOut": "staff",
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
    "BayOut",
    "BayUtilisation",
    "BlackoutBody",
    "BlackoutList",
    "BlackoutOut",
    "BookingHitOut",
    "BookingHitPage",
    "BookingList",
    "BookingOut",
    "BookingPage",
    "CancelBody",
    "CheckOut",
    "ClubOut",
    "CreateBookingBody",
    "CreditChangeBody",
    "CreditChangeOut",
    "CreditEntryOut",
    "CreditsOut",
    "Cursor",
    "DayCount",
    "DeadLetterCount",
    "DeadLetterOut",
    "DeadLettersOut",
    "DeviceOut",
    "ErrorBody",
    "ErrorOut",
    "FailedStepOut",
    "FloorBayOut",
    "FloorWaitingOut",
    "HeatmapRow",
    "HubSpotSyncOut",
    "LedgerPage",
    "LedgerRowOut",
    "Limit",
    "LocationBody",
    "LocationList",
    "LocationOut",
    "LocationPatchBody",
    "MeOut",
    "MemberFigures",
    "MemberOut",
    "MemberPage",
    "MemberProfileOut",
    "MemberRef",
    "ModifyBookingBody",
    "OperationsOut",
    "OutboxOut",
    "RefundPreviewOut",
    "ReplayOut",
    "ReportOut",
    "ReportSummary",
    "ResourceBody",
    "ResourceOut",
    "ResourcePatchBody",
    "ResourceStatusBody",
    "RuleActiveBody",
    "RuleBody",
    "RuleList",
    "RuleOut",
    "RuleProblem",
    "RuleValidationOut",
    "SlotOut",
    "SourceCount",
    "StaffFloorOut",
    "TimelineEntryOut",
    "TimelineOut",
]
