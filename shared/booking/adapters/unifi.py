"""UniFi Access developer API client: the visitors that open a booking's doors.

The API lives on the console at `https://<console>:12445/api/v1/developer/`, takes
`Authorization: Bearer <token>` and wraps every JSON answer in `{"code", "msg", "data"}`;
a `code` other than `SUCCESS` becomes a typed error even when the HTTP status is 200.
The console uses a self-signed certificate: pass its CA bundle path as `verify`.

Settings read by `UnifiAccessClient.from_settings`:

* `UNIFI_BASE_URL` - the console root, e.g. `https://192.168.1.1:12445` (required);
* `UNIFI_TOKEN` - API token, or `UNIFI_TOKEN_SECRET_ARN` naming a Secrets Manager secret;
* `UNIFI_CA_BUNDLE` - path of the console's CA certificate (optional);
* `UNIFI_VERIFY_TLS` - `false` to skip certificate checks (development only; default `true`).

Unconfirmed: which HTTP status the console sends with each error `code`; the mapping below
looks at the HTTP status first and then at the code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import requests

from booking.adapters.http import (
    ApiClient,
    AuthError,
    NotFound,
    RequestRejected,
    UpstreamError,
    expect_dict,
    expect_list,
    read_secret,
    read_setting,
    require_setting,
)

API_PREFIX = "/api/v1/developer"
VISIT_REASONS = frozenset({"Interview", "Business", "Cooperation", "Others"})

_AUTH_CODES = frozenset({"CODE_AUTH_FAILED", "CODE_ACCESS_TOKEN_INVALID", "CODE_UNAUTHORIZED"})
_NOT_FOUND_CODES = frozenset(
    {"CODE_RESOURCE_NOT_FOUND", "CODE_NOT_EXISTS", "CODE_DEVICE_DEVICE_NOT_FOUND"}
)
_SERVER_CODES = frozenset({"CODE_SYSTEM_ERROR"})


def unix_seconds(value: datetime | int) -> int:
    """Unix seconds from an aware datetime or an int."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("datetime must be timezone-aware")
        return int(value.timestamp())
    return int(value)


@dataclass(frozen=True)
class Visitor:
    """A visitor; the platform makes one per booking, limited to its doors and time window."""

    id: str
    first_name: str
    last_name: str
    start_time: int | None
    end_time: int | None
    status: str | None
    resources: list[dict[str, Any]] = field(default_factory=list)
    remarks: str = ""


class UnifiAccessClient(ApiClient):
    """Client for the UniFi Access developer API."""

    service = "unifi"

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        verify: bool | str = True,
    ) -> None:
        super().__init__(base_url, session=session, verify=verify)
        self._headers = {"Authorization": f"Bearer {token}"}

    @classmethod
    def from_settings(
        cls, env: Mapping[str, str] | None = None, *, session: requests.Session | None = None
    ) -> UnifiAccessClient:
        """Build from `UNIFI_*` variables (see the module docstring)."""
        base_url = require_setting(read_setting("UNIFI_BASE_URL", env), "UNIFI_BASE_URL")
        token = require_setting(read_secret("UNIFI_TOKEN", env), "UNIFI_TOKEN")
        verify: bool | str = True
        bundle = read_setting("UNIFI_CA_BUNDLE", env)
        if bundle:
            verify = bundle
        elif (read_setting("UNIFI_VERIFY_TLS", env, "true") or "").lower() in ("0", "false", "no"):
            verify = False
        return cls(base_url, token, session=session, verify=verify)

    # -- plumbing ---------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        """Send, check the envelope, and return its `data`."""
        try:
            response = self._request(
                method, API_PREFIX + path, json_body=json_body, params=params, headers=self._headers
            )
        except (AuthError, NotFound, RequestRejected, UpstreamError) as exc:
            # Keep the typed error from the status, but carry the envelope's code when present.
            exc.code = _envelope_code(exc.body)
            raise
        envelope = expect_dict(self._json(response), "response envelope", self.service)
        code = envelope.get("code")
        if code != "SUCCESS":
            raise self._code_error(code, envelope.get("msg"), response.status_code)
        return envelope.get("data")

    def _code_error(self, code: Any, msg: Any, status: int) -> Exception:
        message = f"unifi: {code}: {msg}"
        kw: dict[str, Any] = {"service": self.service, "status": status, "code": str(code)}
        if not isinstance(code, str):
            return self._contract(f"response without a code: {msg!r}")
        if code in _AUTH_CODES:
            return AuthError(message, **kw)
        if code in _NOT_FOUND_CODES:
            return NotFound(message, **kw)
        if code in _SERVER_CODES:
            return UpstreamError(message, **kw)
        return RequestRejected(message, **kw)

    def _visitor(self, data: Any) -> Visitor:
        item = expect_dict(data, "visitor", self.service)
        if not isinstance(item.get("id"), str):
            raise self._contract("visitor without id")
        resources = item.get("resources") or []
        return Visitor(
            id=item["id"],
            first_name=str(item.get("first_name", "")),
            last_name=str(item.get("last_name", "")),
            start_time=item.get("start_time"),
            end_time=item.get("end_time"),
            status=item.get("status"),
            resources=expect_list(resources, "visitor resources", self.service),
            remarks=str(item.get("remarks") or ""),
        )

    @staticmethod
    def _resources(door_ids: Sequence[str], door_group_ids: Sequence[str]) -> list[dict[str, str]]:
        return [{"id": d, "type": "door"} for d in door_ids] + [
            {"id": g, "type": "door_group"} for g in door_group_ids
        ]

    # -- visitors ---------------------------------------------------------------------------

    def create_visitor(
        self,
        *,
        first_name: str,
        last_name: str,
        start: datetime | int,
        end: datetime | int,
        door_ids: Sequence[str] = (),
        door_group_ids: Sequence[str] = (),
        visit_reason: str = "Others",
        email: str | None = None,
        remarks: str | None = None,
    ) -> Visitor:
        """Create a visitor allowed through the given doors between `start` and `end`.

        Not retried after a 5xx: a repeated POST would create a second visitor.
        """
        if visit_reason not in VISIT_REASONS:
            raise ValueError(f"visit_reason must be one of {sorted(VISIT_REASONS)}")
        body: dict[str, Any] = {
            "first_name": first_name,
            "last_name": last_name,
            "start_time": unix_seconds(start),
            "end_time": unix_seconds(end),
            "visit_reason": visit_reason,
            "resources": self._resources(door_ids, door_group_ids),
        }
        if email is not None:
            body["email"] = email
        if remarks is not None:
            body["remarks"] = remarks
        return self._visitor(self._call("POST", "/visitors", json_body=body))

    def list_visitors(self, keyword: str | None = None, *, page_size: int = 100) -> list[Visitor]:
        """Every visitor (all pages); ``keyword`` narrows to those whose first or last name
        starts with it (the console's only search)."""
        found: list[Visitor] = []
        page = 1
        while True:
            params: dict[str, Any] = {"page_num": str(page), "page_size": str(page_size)}
            if keyword:
                params["keyword"] = keyword
            data = expect_list(
                self._call("GET", "/visitors", params=params), "visitors", self.service
            )
            found.extend(self._visitor(item) for item in data)
            if len(data) < page_size:
                return found
            page += 1

    def update_visitor(
        self,
        visitor_id: str,
        *,
        start: datetime | int | None = None,
        end: datetime | int | None = None,
        door_ids: Sequence[str] | None = None,
        door_group_ids: Sequence[str] = (),
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> Visitor:
        """Change a visitor's window, doors or name (omitted fields stay as they are)."""
        body: dict[str, Any] = {}
        if start is not None:
            body["start_time"] = unix_seconds(start)
        if end is not None:
            body["end_time"] = unix_seconds(end)
        if door_ids is not None:
            body["resources"] = self._resources(door_ids, door_group_ids)
        if first_name is not None:
            body["first_name"] = first_name
        if last_name is not None:
            body["last_name"] = last_name
        return self._visitor(self._call("PUT", f"/visitors/{visitor_id}", json_body=body))

    def delete_visitor(self, visitor_id: str, *, force: bool = True) -> None:
        """Delete a visitor (`force` removes it; otherwise the console marks it cancelled)."""
        params = {"is_force": "true"} if force else None
        self._call("DELETE", f"/visitors/{visitor_id}", params=params)


def _envelope_code(body: str | None) -> str | None:
    """The `code` of a JSON envelope in an error body, if any."""
    if not body:
        return None
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    code = parsed.get("code") if isinstance(parsed, dict) else None
    return code if isinstance(code, str) else None
