"""What every area shares: the model bases, paging parameters, the booking and the error reply."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from booking.domain.pagination import DEFAULT_LIMIT, MAX_LIMIT

Limit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"page size: {DEFAULT_LIMIT} by default, at most {MAX_LIMIT}",
    ),
]
"""``?limit=``: how many items a page holds (default 50)."""


Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=1000,
        description="the previous page's next_cursor (opaque); omit for the first page",
    ),
]
"""``?cursor=``: where the page starts."""


NEXT_CURSOR = Field(
    None,
    description="pass as ?cursor= for the next page (same filters); null on the last page",
)


class _Model(BaseModel):
    # Validators are built on first use, not at import: a function validates with its own
    # routes' models only, and building every area's was a visible part of every API
    # function's cold start. The OpenAPI document builds them all.
    model_config = ConfigDict(defer_build=True)


class _Paged(_Model):
    next_cursor: str | None = NEXT_CURSOR


class _In(_Model):
    model_config = ConfigDict(extra="forbid")


class BookingOut(_Model):
    """A booking."""

    id: UUID
    user_id: UUID
    resource_id: UUID
    location_id: UUID
    start: AwareDatetime
    end: AwareDatetime
    party_size: int
    status: str
    version: int
    source: str
    credit_cost: int
    metadata: dict[str, Any]
    created_at: AwareDatetime
    updated_at: AwareDatetime
    checked_in_at: AwareDatetime | None = None
    cancelled_at: AwareDatetime | None = None


class ErrorBody(_Model):
    """The error object."""

    code: str
    message: str
    details: Any = None


class ErrorOut(_Model):
    """Every error reply."""

    error: ErrorBody
