"""HubSpot CRM client (private-app Bearer token).

Calls: contact search by `lastmodifieddate` (for the member sync), contact update and
custom-event send.

Settings read by `HubSpotClient.from_settings`:

* `HUBSPOT_BASE_URL` - API root, default `https://api.hubapi.com`;
* `HUBSPOT_TOKEN` - the private app's access token, or `HUBSPOT_TOKEN_SECRET_ARN` naming a
  Secrets Manager secret that holds it.

The search API cannot page past 10,000 results for one query (it answers 400), so
`search_contacts_modified_since` starts a new query anchored on the last `lastmodifieddate` it
saw before reaching that cap, skipping the contacts it already yielded at that instant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests

from booking.adapters.http import (
    ApiClient,
    IntegrationError,
    expect_dict,
    expect_list,
    read_secret,
    read_setting,
    require_setting,
)

DEFAULT_BASE_URL = "https://api.hubapi.com"
SEARCH_PATH = "/crm/v3/objects/contacts/search"
SEARCH_RESULT_CAP = 10_000
DEFAULT_CONTACT_PROPERTIES: tuple[str, ...] = (
    "email",
    "firstname",
    "lastname",
    "phone",
    "lastmodifieddate",
)


def parse_hubspot_time(value: Any) -> int | None:
    """Epoch milliseconds from HubSpot's ISO-8601 strings or epoch-ms strings; None if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return int(value)
    text = str(value)
    if text.isdigit():
        return int(text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp() * 1000)


@dataclass(frozen=True)
class HubSpotContact:
    """One contact from a search: its id, properties and last modification (epoch ms)."""

    id: str
    properties: Mapping[str, str | None]
    last_modified_ms: int
    archived: bool = False


class HubSpotClient(ApiClient):
    """Client for the HubSpot CRM v3 API."""

    service = "hubspot"

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        search_limit: int = 100,
        search_result_cap: int = SEARCH_RESULT_CAP,
    ) -> None:
        super().__init__(base_url, session=session)
        self._headers = {"Authorization": f"Bearer {token}"}
        self.search_limit = search_limit
        self.search_result_cap = search_result_cap

    @classmethod
    def from_settings(
        cls, env: Mapping[str, str] | None = None, *, session: requests.Session | None = None
    ) -> HubSpotClient:
        """Build from `HUBSPOT_*` variables (see the module docstring)."""
        base_url = read_setting("HUBSPOT_BASE_URL", env, DEFAULT_BASE_URL)
        token = require_setting(read_secret("HUBSPOT_TOKEN", env), "HUBSPOT_TOKEN")
        return cls(require_setting(base_url, "HUBSPOT_BASE_URL"), token, session=session)

    # -- search -----------------------------------------------------------------------------

    def _search_page(
        self, since_ms: int, properties: Sequence[str], after: str | None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "filterGroups": [
                {
                    "filters": [
                        {
                            "propertyName": "lastmodifieddate",
                            "operator": "GTE",
                            "value": str(since_ms),
                        }
                    ]
                }
            ],
            "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
            "properties": list(properties),
            "limit": self.search_limit,
        }
        if after is not None:
            body["after"] = after
        # A search only reads, so repeating it after a 5xx is harmless.
        response = self._request(
            "POST", SEARCH_PATH, json_body=body, headers=self._headers, retry_unsafe=True
        )
        return expect_dict(self._json(response), "search response", self.service)

    def _contact(self, raw: Any) -> HubSpotContact:
        item = expect_dict(raw, "search result", self.service)
        contact_id = item.get("id")
        props = expect_dict(item.get("properties", {}), "contact properties", self.service)
        modified = parse_hubspot_time(props.get("lastmodifieddate"))
        if modified is None:
            modified = parse_hubspot_time(item.get("updatedAt"))
        if not isinstance(contact_id, str | int) or modified is None:
            raise self._contract(f"contact without id or lastmodifieddate: {item!r:.200}")
        return HubSpotContact(
            id=str(contact_id),
            properties=props,
            last_modified_ms=modified,
            archived=bool(item.get("archived", False)),
        )

    def search_contacts_modified_since(
        self, since_ms: int, properties: Sequence[str] = DEFAULT_CONTACT_PROPERTIES
    ) -> Iterator[HubSpotContact]:
        """Yield every contact with `lastmodifieddate >= since_ms`, oldest change first.

        Pages with `paging.next.after`; before a query would page past the search cap it starts
        again from the last seen `lastmodifieddate` (GTE), skipping contacts already yielded at
        that instant. Raises `IntegrationError` if more contacts than the cap share one instant,
        since no query could then get past them.
        """
        props = list(properties)
        if "lastmodifieddate" not in props:
            props.append("lastmodifieddate")
        anchor = since_ms
        after: str | None = None
        fetched_in_query = 0
        last_ms: int | None = None
        ids_at_last_ms: set[str] = set()
        while True:
            page = self._search_page(anchor, props, after)
            results = expect_list(page.get("results", []), "search results", self.service)
            for raw in results:
                contact = self._contact(raw)
                if contact.last_modified_ms == last_ms and contact.id in ids_at_last_ms:
                    continue  # seen before the re-anchored query started
                if last_ms is None or contact.last_modified_ms > last_ms:
                    last_ms = contact.last_modified_ms
                    ids_at_last_ms = set()
                ids_at_last_ms.add(contact.id)
                yield contact
            fetched_in_query += len(results)
            paging = page.get("paging") or {}
            next_page = paging.get("next") if isinstance(paging, dict) else None
            next_after = next_page.get("after") if isinstance(next_page, dict) else None
            if not results or next_after is None:
                return
            if fetched_in_query + self.search_limit > self.search_result_cap:
                if last_ms is None or last_ms == anchor:
                    raise IntegrationError(
                        f"hubspot: more than {self.search_result_cap} contacts share "
                        f"lastmodifieddate {last_ms}; cannot page past them",
                        service=self.service,
                    )
                anchor = last_ms
                after = None
                fetched_in_query = 0
            else:
                after = str(next_after)

    # -- updates ----------------------------------------------------------------------------

    def update_contact(self, contact_id: str, properties: Mapping[str, Any]) -> dict[str, Any]:
        """PATCH one contact's properties; returns the updated contact."""
        response = self._request(
            "PATCH",
            f"/crm/v3/objects/contacts/{contact_id}",
            json_body={"properties": dict(properties)},
            headers=self._headers,
            retry_unsafe=True,  # setting the same values twice has the same effect
        )
        return expect_dict(self._json(response), "contact", self.service)

    def send_event(
        self,
        event_name: str,
        *,
        object_id: str | None = None,
        email: str | None = None,
        occurred_at: datetime | None = None,
        properties: Mapping[str, Any] | None = None,
    ) -> None:
        """Send a custom event (`POST /events/v3/send`, Enterprise hubs only).

        Not retried after a 5xx (HubSpot would record the event twice); 429 is retried.
        """
        if (object_id is None) == (email is None):
            raise ValueError("give exactly one of object_id or email")
        body: dict[str, Any] = {"eventName": event_name, "properties": dict(properties or {})}
        if object_id is not None:
            body["objectId"] = object_id
        else:
            body["email"] = email
        if occurred_at is not None:
            if occurred_at.tzinfo is None:
                raise ValueError("occurred_at must be timezone-aware")
            stamp = occurred_at.astimezone(UTC).isoformat(timespec="milliseconds")
            body["occurredAt"] = stamp.replace("+00:00", "Z")
        self._request("POST", "/events/v3/send", json_body=body, headers=self._headers)
