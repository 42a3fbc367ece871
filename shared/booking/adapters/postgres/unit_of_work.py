"""A unit of work over one PostgreSQL transaction: commit explicitly or it rolls back."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import psycopg

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.repositories import (
    BlackoutRepository,
    BookingRepository,
    CreditRepository,
    LocationRepository,
    OutboxRepository,
    ResourceRepository,
    RuleRepository,
    UserRepository,
)


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
    blackouts: BlackoutRepository
    credits: CreditRepository
    outbox: OutboxRepository

    def __init__(self, database: Database) -> None:
        self.database = database
        self._conn: psycopg.Connection[Any] | None = None
        self.committed = False

    def __enter__(self) -> PostgresUnitOfWork:
        conn = self.database.connection()
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()  # a previous failure left the connection mid-transaction
        self._conn = conn
        self.committed = False
        self.locations = LocationRepository(conn)
        self.resources = ResourceRepository(conn)
        self.users = UserRepository(conn)
        self.bookings = BookingRepository(conn)
        self.rules = RuleRepository(conn)
        self.blackouts = BlackoutRepository(conn)
        self.credits = CreditRepository(conn)
        self.outbox = OutboxRepository(conn)
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

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The connection of the open transaction."""
        assert self._conn is not None, "unit of work is not open"
        return self._conn

    def commit(self) -> None:
        """Commit the transaction."""
        self.connection.commit()
        self.committed = True

    def rollback(self) -> None:
        """Roll the transaction back."""
        self.connection.rollback()
