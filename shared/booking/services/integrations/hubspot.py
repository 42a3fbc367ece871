"""HubSpot: record bookings on the contact, fire marketing triggers, sync members from contacts.

Configuration (environment, read by ``HubSpotOptions.from_env``):

* ``HUBSPOT_CUSTOM_EVENTS`` - ``true`` to send custom events (``POST /events/v3/send``, needs an
  Enterprise hub); otherwise bookings and triggers are written as contact properties;
* ``HUBSPOT_EVENT_PREFIX`` - prefix of custom event names (HubSpot's are ``pe<portal>_...``);
* ``FREQUENT_BOOKER_COUNT`` / ``FREQUENT_BOOKER_DAYS`` - ``frequent.booker`` fires when a member
  made this many bookings within this many days (default 4 in 30), at most once per window;
* ``WIN_BACK_DAYS`` - ``win.back`` fires for members without a booking for this long (60), once
  per lapse.

HubSpot's own contact properties used here (names as in HubSpot's CRM properties reference):
``email``, ``firstname``, ``lastname``, ``phone``, ``lastmodifieddate``. The others are this
platform's custom properties, to be created in the portal: ``last_booking_at``,
``booking_count``, ``no_show_count``, ``last_booking_status``, ``first_booking_at``,
``frequent_booker_at``, ``win_back_at``, and for the sync ``membership_tier``, ``member_tags``
(``;``-separated), ``booking_credits_granted`` and ``booking_preferences`` (JSON). Custom
events (``POST /events/v3/send``, names ``pe<portal>_...``) need an Enterprise hub; without one,
the same facts are written as those contact properties.

Which fields HubSpot owns (what the sync may change on an existing member):

* name, tier, tags and preferences: HubSpot is their system of record;
* credits: only as **grants**. ``booking_credits_granted`` is the running total granted in
  HubSpot; a higher total than already applied adds the difference to the ledger once (table
  ``hubspot_credit_grants``, keyed by member and total). A lower total takes nothing back, and
  the balance is never set from HubSpot: spent credits stay spent;
* email and phone: **not**. They identify the customer at the kiosk and to ClubOS, and HubSpot
  forms (public) can write them on an existing contact, so a stranger could take over a
  member's identity. They are taken from HubSpot only when the sync creates the member; later
  changes are made in the platform.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from booking.adapters.postgres.repositories.integrations import IntegrationsRepository
from booking.services.integrations.idempotency import AlreadyProcessed, process_once
from booking.services.ports import UnitOfWork, UnitOfWorkFactory

if TYPE_CHECKING:
    # A type only: the client (and requests under it) loads when the runtime makes one.
    from booking.adapters.hubspot import HubSpotContact

CONSUMER = "hubspot-recorder"
WATERMARK_KEY = "hubspot.contacts.watermark_ms"
FIRST_BOOKING = "first.booking"
FREQUENT_BOOKER = "frequent.booker"
WIN_BACK = "win.back"
TRIGGER_PROPERTY = {
    FIRST_BOOKING: "first_booking_at",
    FREQUENT_BOOKER: "frequent_booker_at",
    WIN_BACK: "win_back_at",
}
SYNC_PROPERTIES = (
    "email",
    "firstname",
    "lastname",
    "phone",
    "lastmodifieddate",
    "membership_tier",
    "member_tags",
    "booking_credits_granted",
    "booking_preferences",
)
USER_SYNCED = "user.synced"


class HubSpotPort(Protocol):
    """What these use cases need of ``HubSpotClient``."""

    def update_contact(self, contact_id: str, properties: Any) -> dict[str, Any]:
        """PATCH a contact."""
        ...

    def send_event(
        self,
        event_name: str,
        *,
        object_id: str | None = None,
        email: str | None = None,
        occurred_at: datetime | None = None,
        properties: Any = None,
    ) -> None:
        """Send a custom event."""
        ...

    def search_contacts_modified_since(self, since_ms: int, properties: Any = ...) -> Any:
        """Contacts modified since an instant, oldest first."""
        ...


def _flag(name: str, default: bool = False) -> bool:
    return (os.environ.get(name) or str(default)).strip().lower() in ("1", "true", "yes")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class HubSpotOptions:
    """How bookings reach HubSpot and when triggers fire."""

    custom_events: bool = False
    event_prefix: str = "booking_"
    frequent_count: int = 4
    frequent_days: int = 30
    win_back_days: int = 60

    @classmethod
    def from_env(cls) -> HubSpotOptions:
        """Read the options from the environment (see the module docstring)."""
        return cls(
            custom_events=_flag("HUBSPOT_CUSTOM_EVENTS"),
            event_prefix=os.environ.get("HUBSPOT_EVENT_PREFIX", "booking_"),
            frequent_count=_int("FREQUENT_BOOKER_COUNT", 4),
            frequent_days=_int("FREQUENT_BOOKER_DAYS", 30),
            win_back_days=_int("WIN_BACK_DAYS", 60),
        )

    def event_name(self, name: str) -> str:
        """A custom event name from a detail-type or trigger (dots are not allowed)."""
        return self.event_prefix + name.replace(".", "_")


@dataclass(frozen=True)
class RecordOutcome:
    """What recording one booking event did."""

    contact_id: str | None
    triggers: tuple[str, ...]
    calls: int


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _due_triggers(
    repo: IntegrationsRepository,
    user_id: UUID,
    detail_type: str,
    recent_count: int,
    options: HubSpotOptions,
    now: datetime,
) -> list[str]:
    if detail_type != "booking.created":
        return []
    due: list[str] = []
    if repo.trigger_fired_at(user_id, FIRST_BOOKING) is None:
        due.append(FIRST_BOOKING)
    if recent_count >= options.frequent_count:
        last = repo.trigger_fired_at(user_id, FREQUENT_BOOKER)
        if last is None or last < now - timedelta(days=options.frequent_days):
            due.append(FREQUENT_BOOKER)
    return due


def record_booking_event(
    uow_factory: UnitOfWorkFactory,
    client: HubSpotPort,
    detail_type: str,
    detail: dict[str, Any],
    options: HubSpotOptions,
    now: datetime,
) -> RecordOutcome | AlreadyProcessed:
    """Record a booking event on the member's contact and fire the triggers it makes due.

    Properties mode makes one PATCH per event carrying the counters (recomputed from the
    database, so a repeat sets the same values) and the trigger timestamps.
    """
    booking = detail["booking"]
    user_id = UUID(booking["user_id"])

    def effect(uow: UnitOfWork) -> RecordOutcome:
        repo = uow.integrations
        user = uow.users.get(user_id)
        if user is None:
            return RecordOutcome(None, (), 0)
        stats = repo.booking_stats(user_id, now - timedelta(days=options.frequent_days))
        triggers = _due_triggers(repo, user_id, detail_type, stats.recent_count, options, now)
        calls = 0
        if options.custom_events:
            target: dict[str, Any] = (
                {"object_id": user.hubspot_id} if user.hubspot_id else {"email": user.email}
            )
            properties = {
                "booking_id": booking["id"],
                "location_id": booking["location_id"],
                "resource_id": booking["resource_id"],
                "start": booking["start"],
                "end": booking["end"],
                "status": booking["status"],
            }
            client.send_event(
                options.event_name(detail_type), occurred_at=now, properties=properties, **target
            )
            calls += 1
            for trigger in triggers:
                client.send_event(
                    options.event_name(trigger), occurred_at=now, properties={}, **target
                )
                calls += 1
        elif user.hubspot_id:
            props: dict[str, Any] = {
                "booking_count": stats.booking_count,
                "no_show_count": stats.no_show_count,
                "last_booking_status": booking["status"],
            }
            if stats.last_booking_at is not None:
                props["last_booking_at"] = _iso(stats.last_booking_at)
            for trigger in triggers:
                props[TRIGGER_PROPERTY[trigger]] = _iso(now)
            client.update_contact(user.hubspot_id, props)
            calls += 1
        else:
            # Nothing to write to: the member is not linked to a contact (yet).
            triggers = []
        for trigger in triggers:
            repo.record_trigger(user_id, trigger, now)
        return RecordOutcome(user.hubspot_id, tuple(triggers), calls)

    return process_once(uow_factory, CONSUMER, UUID(detail["event_id"]), effect)


def run_win_back(
    uow_factory: UnitOfWorkFactory, client: HubSpotPort, options: HubSpotOptions, now: datetime
) -> list[UUID]:
    """Fire ``win.back`` for every member without a booking for ``win_back_days``, once per
    lapse; returns the members it fired for."""
    fired: list[UUID] = []
    cutoff = now - timedelta(days=options.win_back_days)
    uow = uow_factory()
    with uow:
        members = uow.integrations.lapsed_members(cutoff)
    for member in members:
        user_id = UUID(str(member["id"]))
        uow = uow_factory()
        with uow:
            repo = uow.integrations
            last = repo.trigger_fired_at(user_id, WIN_BACK)  # locks the member's trigger row
            if last is not None and last >= member["last_start"]:
                continue  # another run got there first
            if options.custom_events:
                target: dict[str, Any] = (
                    {"object_id": member["hubspot_id"]}
                    if member["hubspot_id"]
                    else {"email": member["email"]}
                )
                client.send_event(
                    options.event_name(WIN_BACK), occurred_at=now, properties={}, **target
                )
            elif member["hubspot_id"]:
                client.update_contact(member["hubspot_id"], {TRIGGER_PROPERTY[WIN_BACK]: _iso(now)})
            else:
                continue
            repo.record_trigger(user_id, WIN_BACK, now)
            uow.commit()
            fired.append(user_id)
    return fired


@dataclass
class SyncReport:
    """Outcome of one contact sync."""

    seen: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    watermark_ms: int | None = None


def _tags(value: str | None) -> tuple[str, ...]:
    return tuple(sorted({t.strip() for t in (value or "").split(";") if t.strip()}))


def _preferences(value: str | None) -> dict[str, Any] | None:
    if not value:
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _granted_total(value: str | None) -> int | None:
    """HubSpot's running grant total as a whole number, None when absent or not a number."""
    raw = (value or "").strip()
    try:
        number = float(raw)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        return None
    return int(number)


def _upsert_contact(uow: UnitOfWork, contact: HubSpotContact) -> str:
    """Create or update the member of a contact; returns created/updated/skipped.

    HubSpot owns name, tier, tags and preferences; credits come only as grants; email and phone
    are set on creation only (see the module docstring).
    """
    p = contact.properties
    email = (p.get("email") or "").strip()
    user = uow.users.by_hubspot_id(contact.id) or (uow.users.by_email(email) if email else None)
    name = " ".join(x for x in (p.get("firstname"), p.get("lastname")) if x)
    tier = (p.get("membership_tier") or "").strip() or None
    tags = _tags(p.get("member_tags")) if p.get("member_tags") is not None else None
    prefs = _preferences(p.get("booking_preferences"))
    granted_total = _granted_total(p.get("booking_credits_granted"))
    outcome = "updated"
    if user is None:
        if not email or contact.archived:
            return "skipped"
        user = uow.users.add(
            email=email,
            name=name,
            tier=tier or "standard",
            tags=tags or (),
            hubspot_id=contact.id,
            phone=p.get("phone") or None,
            preferences=prefs,
        )
        outcome = "created"
    else:
        uow.users.update_from_crm(
            user.id,
            hubspot_id=contact.id,
            name=name,
            tier=tier,
            tags=tags,
            preferences=prefs,
        )
    if granted_total:
        repo = uow.integrations
        applied = repo.hubspot_granted_total(user.id)
        if granted_total > applied:
            repo.record_hubspot_grant(user.id, granted_total, granted_total - applied, contact.id)
    synced = uow.users.get(user.id)
    assert synced is not None
    event_id = uuid4()
    uow.outbox.add(
        event_id=event_id,
        aggregate_id=synced.id,
        detail_type=USER_SYNCED,
        detail={
            "event_id": str(event_id),
            "occurred_at": datetime.now(UTC).isoformat(),
            "version": 1,
            "user": {
                "id": str(synced.id),
                "email": synced.email,
                "hubspot_id": synced.hubspot_id,
                "tier": synced.tier,
                "tags": list(synced.tags),
                "credits": uow.credits.balance(synced.id),
            },
        },
    )
    return outcome


def sync_contacts(
    uow_factory: UnitOfWorkFactory,
    client: HubSpotPort,
    *,
    since_ms: int | None = None,
) -> SyncReport:
    """Upsert every contact modified since the stored watermark (or ``since_ms``).

    Each contact commits on its own together with the new watermark, so a run cut short
    resumes where it stopped. The search is ``GTE``, so the contacts at the watermark instant
    are seen again; upserting them twice changes nothing. ``unit_of_work`` builds the
    per-contact transactions (e.g. one that publishes its ``user.synced`` event after commit).
    """
    report = SyncReport()
    uow = uow_factory()
    with uow:
        stored = uow.integrations.get_state(WATERMARK_KEY)
    start = since_ms if since_ms is not None else int(stored or 0)
    report.watermark_ms = start
    for contact in client.search_contacts_modified_since(start, SYNC_PROPERTIES):
        report.seen += 1
        uow = uow_factory()
        with uow:
            outcome = _upsert_contact(uow, contact)
            setattr(report, outcome, getattr(report, outcome) + 1)
            watermark = max(report.watermark_ms or 0, contact.last_modified_ms)
            uow.integrations.set_state(WATERMARK_KEY, watermark)
            uow.commit()
            report.watermark_ms = watermark
    return report
