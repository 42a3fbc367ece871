"""A SaaS login token shared by every execution environment, kept in ``integration_state``.

ClubOS allows five logins per 15 minutes per address: environments that each logged in on
their cold start would exceed it. The token is a short-lived credential of the platform's own
operator account, stored like the sync watermark.
"""

from __future__ import annotations

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork


class IntegrationStateTokenStore:
    """``TokenStore`` over one ``integration_state`` key.

    Give it a ``Database`` of its own: the ClubOS consumer holds its transaction open while it
    sends, and a unit of work on the same connection would end that transaction.
    """

    def __init__(self, database: Database, key: str = "clubos.jwt") -> None:
        self.database = database
        self.key = key

    def load(self) -> str | None:
        """The stored token, if any."""
        uow = PostgresUnitOfWork(self.database)
        with uow:
            value = uow.integrations.get_state(self.key)
        return value if isinstance(value, str) and value else None

    def save(self, token: str | None) -> None:
        """Store the token (an empty string forgets it)."""
        uow = PostgresUnitOfWork(self.database)
        with uow:
            uow.integrations.set_state(self.key, token or "")
            uow.commit()
