"""SQL per aggregate, mapping rows to domain objects; one module each, all on one base.

Every repository runs on the unit of work's connection (its open transaction) and turns a
deadlock or serialisation failure into ``TransientConflict`` (``base``). Reach them through the
unit of work (``uow.bookings``, ``uow.lifecycle``, ...), not by building them.
"""

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.blackouts import BlackoutRepository
from booking.adapters.postgres.repositories.bookings import BookingRepository
from booking.adapters.postgres.repositories.catalog_admin import CatalogAdminRepository
from booking.adapters.postgres.repositories.credits import CreditRepository
from booking.adapters.postgres.repositories.integrations import BookingStats, IntegrationsRepository
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
from booking.adapters.postgres.repositories.locations import LocationRepository, ResourceRepository
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
from booking.adapters.postgres.repositories.staff import BookingHit, StaffAction, StaffRepository
from booking.adapters.postgres.repositories.users import UserRepository
from booking.adapters.postgres.repositories.waitlist import (
    WaitingMember,
    WaitlistEntry,
    WaitlistRepository,
)

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
