"""A unit of work over one PostgreSQL transaction: commit explicitly or it rolls back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any
from uuid import UUID

import psycopg

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.repositories import (
    BlackoutRepository,
    BookingRepository,
    CatalogAdminRepository,
    CreditRepository,
    IntegrationsRepository,
    KioskSignInRepository,
    LifecycleRepository,
    LiveConnectionRepository,
    LocationRepository,
    MemberAdminRepository,
    OperationsRepository,
    OutboxPublishingRepository,
    OutboxRepository,
    PassUseRepository,
    ProposalRepository,
    ReportsRepository,
    ResourceRepository,
    RuleRepository,
    StaffRepository,
    UserRepository,
    WaitlistRepository,
)

logger = logging.getLogger(__name__)

AfterCommit = Callable[[Sequence[UUID]], None]
"""Called once the unit of work is closed, with the outbox event ids its commits made durable."""


class _TrackingOutbox(OutboxRepository):
    """The outbox repository, remembering the event ids written in the open transaction."""

    def __init__(self, conn: psycopg.Connection[Any], written: list[UUID]) -> None:
        super().__init__(conn)
        self._written = written

    def add(
        self, *, event_id: UUID, aggregate_id: UUID, detail_type: str, detail: dict[str, Any]
    ) -> None:
        """Append an event row and remember its id."""
        super().add(
            event_id=event_id, aggregate_id=aggregate_id, detail_type=detail_type, detail=detail
        )
        self._written.append(event_id)


class PostgresUnitOfWork:
    """Repositories sharing one transaction on this thread's connection.

    ``with uow:`` starts a transaction; leaving the block without ``uow.commit()`` (or through
    an exception) rolls it back, so a failure never leaves half a change behind.
    """

    locations: LocationRepository
    resources: ResourceRepository
    users: UserRepository
    bookings: BookingRepository
    rules: RuleRepository
    proposals: ProposalRepository
    blackouts: BlackoutRepository
    credits: CreditRepository
    outbox: OutboxRepository
    outbox_publishing: OutboxPublishingRepository
    lifecycle: LifecycleRepository
    integrations: IntegrationsRepository
    staff: StaffRepository
    member_admin: MemberAdminRepository
    operations: OperationsRepository
    reports: ReportsRepository
    catalog_admin: CatalogAdminRepository
    live: LiveConnectionRepository
    kiosk_sign_in: KioskSignInRepository
    pass_uses: PassUseRepository
    waitlist: WaitlistRepository

    def __init__(self, database: Database, after_commit: Sequence[AfterCommit] = ()) -> None:
        self.database = database
        self._conn: psycopg.Connection[Any] | None = None
        self.committed = False
        self._after_commit = list(after_commit)
        self._pending_events: list[UUID] = []
        self.committed_events: list[UUID] = []

    def __enter__(self) -> PostgresUnitOfWork:
        conn = self.database.connection()
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            try:
                conn.rollback()  # a previous failure left the connection mid-transaction
            except psycopg.OperationalError:
                # ... and the server has ended it meanwhile (idle-in-transaction timeout).
                conn = self.database.connection()
        self._conn = conn
        self.committed = False
        self._pending_events = []
        self.committed_events = []
        self.locations = LocationRepository(conn)
        self.resources = ResourceRepository(conn)
        self.users = UserRepository(conn)
        self.bookings = BookingRepository(conn)
        self.rules = RuleRepository(conn)
        self.proposals = ProposalRepository(conn)
        self.blackouts = BlackoutRepository(conn)
        self.credits = CreditRepository(conn)
        self.outbox = _TrackingOutbox(conn, self._pending_events)
        self.outbox_publishing = OutboxPublishingRepository(conn)
        self.lifecycle = LifecycleRepository(conn)
        self.integrations = IntegrationsRepository(conn)
        self.staff = StaffRepository(conn)
        self.member_admin = MemberAdminRepository(conn)
        self.operations = OperationsRepository(conn)
        self.reports = ReportsRepository(conn)
        self.catalog_admin = CatalogAdminRepository(conn)
        self.live = LiveConnectionRepository(conn)
        self.kiosk_sign_in = KioskSignInRepository(conn)
        self.pass_uses = PassUseRepository(conn)
        self.waitlist = WaitlistRepository(conn)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._conn is None:
            return
        if not self.committed and not self._conn.closed:
            self._conn.rollback()
        self._conn = None
        if self.committed_events:
            self._run_after_commit(list(self.committed_events))

    def _run_after_commit(self, event_ids: list[UUID]) -> None:
        for callback in self._after_commit:
            try:
                callback(event_ids)
            except Exception:
                # The events are safe in the outbox; the sweeper will publish them.
                logger.exception("after-commit callback failed for %d event(s)", len(event_ids))

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The connection of the open transaction."""
        assert self._conn is not None, "unit of work is not open"
        return self._conn

    def commit(self) -> None:
        """Commit the transaction."""
        self.connection.commit()
        self.committed = True
        self.committed_events.extend(self._pending_events)
        self._pending_events.clear()

    def rollback(self) -> None:
        """Roll the transaction back."""
        self.connection.rollback()
        self._pending_events.clear()
