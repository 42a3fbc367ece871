"""What the services need from the outside, as types they can be written against.

* :class:`UnitOfWork`: repositories sharing one transaction; ``with uow:`` opens it, leaving
  the block without :meth:`UnitOfWork.commit` rolls it back. PostgreSQL's
  ``PostgresUnitOfWork`` is the implementation; services receive a :data:`UnitOfWorkFactory`
  and never build one themselves.
* The errors a SaaS client raises (HubSpot, UniFi Access, NinjaOne, ClubOS), from the status
  of the answer and never from its text. The lifecycle's state machine retries some of them by
  class name, so the names are part of the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

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


class UnitOfWork(Protocol):
    """Repositories sharing one transaction (see the module docstring)."""

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

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make the transaction's changes durable (and, after the block, publish its events)."""

    def rollback(self) -> None:
        """Drop the transaction's changes."""


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Makes a fresh unit of work (with after-commit publishing where the runtime wires it)."""


class IntegrationError(Exception):
    """A call to a SaaS API failed. `status` is the HTTP status when there was a response."""

    def __init__(
        self,
        message: str,
        *,
        service: str = "",
        status: int | None = None,
        body: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.service = service
        self.status = status
        self.body = body
        self.code = code


class AuthError(IntegrationError):
    """The API refused the credentials (401) or the permission (403)."""


class NotFound(IntegrationError):
    """The addressed object does not exist (404 or the API's own not-found code)."""


class RateLimited(IntegrationError):
    """Still rate limited (429) after the retries; `retry_after` is in seconds when known."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class UpstreamError(IntegrationError):
    """The API failed on its side (5xx) after the retries."""


class TransportError(UpstreamError):
    """No usable response: timeout, refused or reset connection (after the retries)."""


class RequestRejected(IntegrationError):
    """The API rejected the request as invalid (4xx other than 401/403/404/429)."""


class ContractError(IntegrationError):
    """The API answered successfully but not in the documented shape."""
