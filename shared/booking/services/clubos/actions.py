"""What ClubOS sends (the customer and their message) and what the bridge answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --- requests and results ---------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRef:
    """How ClubOS names the customer: any of e-mail, phone or HubSpot contact id."""

    email: str | None = None
    phone: str | None = None
    hubspot_id: str | None = None

    @classmethod
    def parse(cls, text: str) -> CustomerRef:
        """Read one identifier: an e-mail if it has an ``@``, else a phone or a HubSpot id.

        HubSpot ids are digits too, so a bare number is tried as a phone first, then as an id.
        """
        value = text.strip()
        if "@" in value:
            return cls(email=value)
        return cls(phone=value, hubspot_id=value)

    @property
    def empty(self) -> bool:
        """True when no identifier was given."""
        return not (self.email or self.phone or self.hubspot_id)


@dataclass(frozen=True)
class ClubOSAction:
    """``POST /clubos/actions``: a customer's message and who sent it."""

    message: str
    customer: CustomerRef
    location: str | None = None  # id, slug or name
    thread_id: str | None = None


@dataclass
class ActionResult:
    """The bridge's answer: a reply to relay, what was understood and what was done."""

    reply: str
    intent: str
    needs_clarification: bool = False
    booking: dict[str, Any] | None = None
    slots: list[dict[str, Any]] = field(default_factory=list)
    bookings: list[dict[str, Any]] = field(default_factory=list)
    options: list[dict[str, Any]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    customer_id: str | None = None
    location_id: str | None = None
    thread_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON reply."""
        return {
            "reply": self.reply,
            "intent": self.intent,
            "needs_clarification": self.needs_clarification,
            "booking": self.booking,
            "slots": self.slots,
            "bookings": self.bookings,
            "options": self.options,
            "codes": self.codes,
            "customer_id": self.customer_id,
            "location_id": self.location_id,
            "thread_id": self.thread_id,
        }
