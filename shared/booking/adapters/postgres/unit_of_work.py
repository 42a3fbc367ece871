"""A unit of work over one PostgreSQL transaction: commit explicitly or it rolls back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload
from uuid import UUID

import psycopg

from booking.adapters.postgres import repositories
from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.repositories.outbox import OutboxRepository

if TYPE_CHECKING:
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


R = TypeVar("R")


class _Repository(Generic[R]):
    """A repository of the unit of work, made on first use after each ``__enter__`` on that
    transaction's connection. A request uses four or five of the twenty-one; making them all
    on every ``with uow:`` was a measurable part of a booking create.

    The class is named, not passed: its module is imported on the first use too, so a function
    loads only the repositories (and the row mappers behind them) it reaches.
    """

    def __init__(self, class_name: str) -> None:
        self._class_name = class_name
        self._name = ""

    def _make(self, conn: psycopg.Connection[Any]) -> R:
        make: Callable[[psycopg.Connection[Any]], R] = getattr(repositories, self._class_name)
        return make(conn)

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        _REPOSITORIES.append(name)

    @overload
    def __get__(self, uow: None, owner: type) -> _Repository[R]: ...
    @overload
    def __get__(self, uow: PostgresUnitOfWork, owner: type) -> R: ...
    def __get__(self, uow: PostgresUnitOfWork | None, owner: type) -> R | _Repository[R]:
        if uow is None:
            return self
        repo = self._build(uow)  # AttributeError before the first ``with uow:``, as before
        uow.__dict__[self._name] = repo  # later reads find it there (no descriptor call)
        return repo

    def _build(self, uow: PostgresUnitOfWork) -> R:
        return self._make(uow._repo_conn)


class _Outbox(_Repository[OutboxRepository]):
    """The outbox, remembering the events written in the open transaction."""

    def _build(self, uow: PostgresUnitOfWork) -> OutboxRepository:
        return _TrackingOutbox(uow._repo_conn, uow._pending_events)


_REPOSITORIES: list[str] = []


class PostgresUnitOfWork:
    """Repositories sharing one transaction on this thread's connection.

    ``with uow:`` starts a transaction; leaving the block without ``uow.commit()`` (or through
    an exception) rolls it back, so a failure never leaves half a change behind.
    """

    locations: _Repository[LocationRepository] = _Repository("LocationRepository")
    resources: _Repository[ResourceRepository] = _Repository("ResourceRepository")
    users: _Repository[UserRepository] = _Repository("UserRepository")
    bookings: _Repository[BookingRepository] = _Repository("BookingRepository")
    rules: _Repository[RuleRepository] = _Repository("RuleRepository")
    proposals: _Repository[ProposalRepository] = _Repository("ProposalRepository")
    blackouts: _Repository[BlackoutRepository] = _Repository("BlackoutRepository")
    credits: _Repository[CreditRepository] = _Repository("CreditRepository")
    outbox = _Outbox("OutboxRepository")
    outbox_publishing: _Repository[OutboxPublishingRepository] = _Repository(
        "OutboxPublishingRepository"
    )
    lifecycle: _Repository[LifecycleRepository] = _Repository("LifecycleRepository")
    integrations: _Repository[IntegrationsRepository] = _Repository("IntegrationsRepository")
    staff: _Repository[StaffRepository] = _Repository("StaffRepository")
    member_admin: _Repository[MemberAdminRepository] = _Repository("MemberAdminRepository")
    operations: _Repository[OperationsRepository] = _Repository("OperationsRepository")
    reports: _Repository[ReportsRepository] = _Repository("ReportsRepository")
    catalog_admin: _Repository[CatalogAdminRepository] = _Repository("CatalogAdminRepository")
    live: _Repository[LiveConnectionRepository] = _Repository("LiveConnectionRepository")
    kiosk_sign_in: _Repository[KioskSignInRepository] = _Repository("KioskSignInRepository")
    pass_uses: _Repository[PassUseRepository] = _Repository("PassUseRepository")
    waitlist: _Repository[WaitlistRepository] = _Repository("WaitlistRepository")

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
        # Repositories are made on first use in this transaction (see ``_Repository``).
        self._repo_conn = conn
        for name in _REPOSITORIES:
            self.__dict__.pop(name, None)
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
