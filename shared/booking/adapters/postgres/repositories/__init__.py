"""SQL per aggregate, mapping rows to domain objects; one module each, all on one base.

Every repository runs on the unit of work's connection (its open transaction) and turns a
deadlock or serialisation failure into ``TransientConflict`` (``base``). Reach them through the
unit of work (``uow.bookings``, ``uow.lifecycle``, ...), not by building them.

The names below load their module on first access (PEP 562): a function reaches four or five
repositories, and importing all twenty-one (with the domain models, rules and settings their
row mappers need) was a large part of every function's cold start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from booking.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from booking.adapters.postgres.repositories.base import BaseRepository
    from booking.adapters.postgres.repositories.blackouts import BlackoutRepository
    from booking.adapters.postgres.repositories.bookings import BookingRepository
    from booking.adapters.postgres.repositories.catalog_admin import CatalogAdminRepository
    from booking.adapters.postgres.repositories.credits import CreditRepository
    from booking.adapters.postgres.repositories.integrations import (
        BookingStats,
        IntegrationsRepository,
    )
    from booking.adapters.postgres.repositories.kiosk_sign_in import (
        KioskSession,
        KioskSignInRepository,
        SignInCode,
    )
    from booking.adapters.postgres.repositories.lifecycle import (
        AccessRecord,
        Alert,
        LifecycleRepository,
    )
    from booking.adapters.postgres.repositories.live import LiveConnection, LiveConnectionRepository
    from booking.adapters.postgres.repositories.locations import (
        LocationRepository,
        ResourceRepository,
    )
    from booking.adapters.postgres.repositories.member_admin import MemberAdminRepository
    from booking.adapters.postgres.repositories.operations import OperationsRepository
    from booking.adapters.postgres.repositories.outbox import (
        OutboxLag,
        OutboxPublishingRepository,
        OutboxRepository,
        OutboxRow,
    )
    from booking.adapters.postgres.repositories.pass_uses import PassUseRepository
    from booking.adapters.postgres.repositories.proposals import ProposalFacts, ProposalRepository
    from booking.adapters.postgres.repositories.reports import ReportsRepository
    from booking.adapters.postgres.repositories.rules import RuleRepository
    from booking.adapters.postgres.repositories.staff import (
        BookingHit,
        StaffAction,
        StaffRepository,
    )
    from booking.adapters.postgres.repositories.users import UserRepository
    from booking.adapters.postgres.repositories.waitlist import (
        WaitingMember,
        WaitlistEntry,
        WaitlistRepository,
    )

# Public name -> the module (in this package) that defines it.
_MODULES: dict[str, str] = {
    "AccessRecord": "lifecycle",
    "Alert": "lifecycle",
    "BaseRepository": "base",
    "BlackoutRepository": "blackouts",
    "BookingHit": "staff",
    "BookingRepository": "bookings",
    "BookingStats": "integrations",
    "CatalogAdminRepository": "catalog_admin",
    "CreditRepository": "credits",
    "IntegrationsRepository": "integrations",
    "KioskSession": "kiosk_sign_in",
    "KioskSignInRepository": "kiosk_sign_in",
    "LifecycleRepository": "lifecycle",
    "LiveConnection": "live",
    "LiveConnectionRepository": "live",
    "LocationRepository": "locations",
    "MemberAdminRepository": "member_admin",
    "OperationsRepository": "operations",
    "OutboxLag": "outbox",
    "OutboxPublishingRepository": "outbox",
    "OutboxRepository": "outbox",
    "OutboxRow": "outbox",
    "PassUseRepository": "pass_uses",
    "ProposalFacts": "proposals",
    "ProposalRepository": "proposals",
    "ReportsRepository": "reports",
    "ResourceRepository": "locations",
    "RuleRepository": "rules",
    "SignInCode": "kiosk_sign_in",
    "StaffAction": "staff",
    "StaffRepository": "staff",
    "UserRepository": "users",
    "WaitingMember": "waitlist",
    "WaitlistEntry": "waitlist",
    "WaitlistRepository": "waitlist",
}


__getattr__, __dir__ = lazy_exports(__name__, _MODULES, globals())


__all__ = [
    "AccessRecord",
    "Alert",
    "BaseRepository",
    "BlackoutRepository",
    "BookingHit",
    "BookingRepository",
    "BookingStats",
    "CatalogAdminRepository",
    "CreditRepository",
    "IntegrationsRepository",
    "KioskSession",
    "KioskSignInRepository",
    "LifecycleRepository",
    "LiveConnection",
    "LiveConnectionRepository",
    "LocationRepository",
    "MemberAdminRepository",
    "OperationsRepository",
    "OutboxLag",
    "OutboxPublishingRepository",
    "OutboxRepository",
    "OutboxRow",
    "PassUseRepository",
    "ProposalFacts",
    "ProposalRepository",
    "ReportsRepository",
    "ResourceRepository",
    "RuleRepository",
    "SignInCode",
    "StaffAction",
    "StaffRepository",
    "UserRepository",
    "WaitingMember",
    "WaitlistEntry",
    "WaitlistRepository",
]
