"""Per-location settings with the defaults of the business (door window, PC times, policies)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class RefundStep(BaseModel):
    """Cancel at least ``hours_before`` the start to get ``refund_percent`` of the credits back."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    hours_before: float = Field(ge=0)
    refund_percent: int = Field(ge=0, le=100)


class LocationSettings(BaseModel):
    """Settings stored as JSON on the location; every field has the business default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    access_before_minutes: int = Field(15, ge=0, le=240)
    access_after_minutes: int = Field(15, ge=0, le=240)
    pass_valid_after_minutes: int = Field(30, ge=0, le=240)
    pc_setup_before_minutes: int = Field(10, ge=0, le=240)
    pc_cleanup_after_minutes: int = Field(5, ge=0, le=240)
    no_show_grace_minutes: int = Field(15, ge=1, le=240)
    # How long a freed slot is held for the next member on the waitlist before the one after.
    waitlist_hold_minutes: int = Field(10, ge=2, le=120)
    slot_step_minutes: int = Field(30, ge=5, le=240)
    cancellation_policy: tuple[RefundStep, ...] = (
        RefundStep(hours_before=24, refund_percent=100),
        RefundStep(hours_before=2, refund_percent=50),
    )
    # NinjaOne named action -> script id for this location's PCs.
    ninjaone_scripts: dict[str, str] = Field(default_factory=dict)
    # How ClubOS V3 names this location and its bays (resource id -> "bay-3"); the defaults are
    # the location's name and "bay-<number>" (booking.domain.clubos_names).
    clubos_location: str | None = Field(None, min_length=1, max_length=200)
    clubos_bays: dict[str, str] = Field(default_factory=dict, max_length=200)

    @field_validator("cancellation_policy")
    @classmethod
    def _sorted_policy(cls, steps: tuple[RefundStep, ...]) -> tuple[RefundStep, ...]:
        return tuple(sorted(steps, key=lambda s: s.hours_before, reverse=True))

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> LocationSettings:
        """Build settings from the stored JSON (missing keys take the defaults)."""
        return cls.model_validate(data or {})
