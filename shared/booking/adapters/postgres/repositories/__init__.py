"""SQL per aggregate, mapping rows to domain objects; one module each, all on one base.

Every repository runs on the unit of work's connection (its open transaction) and turns a
deadlock or serialisation failure into ``TransientConflict`` (``base``). Reach them through the
unit of work (``uow.bookings``, ``uow.lifecycle``, ...), not by building them.
"""

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.blackouts import BlackoutRepository
from booking.adapters.postgres.repositories.bookings import BookingRepository
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
from booking.adapters.postgres.repositories.outbox import (
    OutboxLag,
    OutboxPublishingRepository,
    OutboxRepository,
    OutboxRow,
)
from booking.adapters.postgres.repositories.proposals import ProposalFacts, ProposalRepository
from booking.adapters.postgres.repositories.rules import RuleRepository
from booking.adapters.postgres.repositories.users import UserRepository

__all__ = [
    "AccessRecord",
    "Alert",
    "BaseRepository",
    "BlackoutRepository",
    "BookingRepository",
    "BookingStats",
    "CreditRepository",
    "IntegrationsRepository",
    "KioskSession",
    "KioskSignInRepository",
    "LifecycleRepository",
    "LiveConnection",
    "LiveConnectionRepository",
    "LocationRepository",
    "OutboxLag",
    "OutboxPublishingRepository",
    "OutboxRepository",
    "OutboxRow",
    "ProposalFacts",
    "ProposalRepository",
    "ResourceRepository",
    "RuleRepository",
    "SignInCode",
    "UserRepository",
]
