"""NinjaOne RMM client: runs scripts and actions on the bays' simulator PCs.

OAuth 2 tokens come from `POST {base}/ws/oauth/token` (form encoded). With a stored refresh
token the client uses the `refresh_token` grant (a user-context token); otherwise
`client_credentials`. Client-credential tokens are reported to be refused on script runs with
403 "Access key does not have user context", so production should configure a refresh token
obtained once through the authorization-code flow. The token is cached until shortly before it
expires (thread-safe) and fetched again after a 401.

Named actions (`power.on`, `launch.software`, `load.profile`, `save.data`, `reset.defaults`,
`diagnostics`) map to NinjaOne script ids or action uids per location; the map is passed in
(`action_map`), with `"*"` as the fallback location. Each entry is an int (script id), a string
(action uid) or an object `{"id": 12}` / `{"uid": "..."}` with optional `parameters` and `runAs`.

Settings read by `NinjaOneClient.from_settings`:

* `NINJAONE_BASE_URL` - instance root, e.g. `https://eu.ninjarmm.com` (required);
* `NINJAONE_CLIENT_ID`;
* `NINJAONE_CLIENT_SECRET` or `NINJAONE_CLIENT_SECRET_ARN`;
* `NINJAONE_REFRESH_TOKEN` or `NINJAONE_REFRESH_TOKEN_SECRET_ARN` (optional, see above);
* `NINJAONE_SCOPE` - default `monitoring management control`;
* `NINJAONE_ACTION_MAP` - JSON `{location_id: {action_name: entry}}` (optional).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests

from booking.adapters.http import (
    ApiClient,
    AuthError,
    RequestRejected,
    expect_dict,
    expect_list,
    read_secret,
    read_setting,
    require_setting,
)

TOKEN_PATH = "/ws/oauth/token"
DEFAULT_SCOPE = "monitoring management control"
NAMED_ACTIONS: tuple[str, ...] = (
    "power.on",
    "launch.software",
    "load.profile",
    "save.data",
    "reset.defaults",
    "diagnostics",
)


@dataclass(frozen=True)
class ScriptRef:
    """A NinjaOne script (`id`) or built-in action (`uid`) with its default run options."""

    id: int | None = None
    uid: str | None = None
    parameters: str | None = None
    run_as: str | None = None

    def __post_init__(self) -> None:
        if (self.id is None) == (self.uid is None):
            raise ValueError("a ScriptRef needs exactly one of id (script) or uid (action)")

    @property
    def type(self) -> str:
        """`SCRIPT` for a script id, `ACTION` for an action uid."""
        return "SCRIPT" if self.id is not None else "ACTION"

    @classmethod
    def parse(cls, entry: Any) -> ScriptRef:
        """From a config entry: int script id, str action uid, or an object."""
        if isinstance(entry, ScriptRef):
            return entry
        if isinstance(entry, bool):
            raise ValueError(f"invalid script entry {entry!r}")
        if isinstance(entry, int):
            return cls(id=entry)
        if isinstance(entry, str):
            return cls(id=int(entry)) if entry.isdigit() else cls(uid=entry)
        if isinstance(entry, Mapping):
            raw_id = entry.get("id")
            return cls(
                id=int(raw_id) if raw_id is not None else None,
                uid=entry.get("uid"),
                parameters=entry.get("parameters"),
                run_as=entry.get("runAs", entry.get("run_as")),
            )
        raise ValueError(f"invalid script entry {entry!r}")


def parse_action_map(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, ScriptRef]]:
    """Validate `{location: {action: entry}}`; unknown action names are rejected."""
    parsed: dict[str, dict[str, ScriptRef]] = {}
    for location, actions in raw.items():
        parsed[str(location)] = {}
        for name, entry in actions.items():
            if name not in NAMED_ACTIONS:
                raise ValueError(f"unknown action {name!r} (known: {', '.join(NAMED_ACTIONS)})")
            parsed[str(location)][name] = ScriptRef.parse(entry)
    return parsed


SCRIPT_SUCCESS_STATUSES = frozenset({"COMPLETED", "SUCCESS"})
SCRIPT_FAILURE_STATUSES = frozenset({"FAILED", "FAILURE", "ERROR", "TIMEOUT", "CANCELLED"})
TERMINAL_SCRIPT_STATUSES = SCRIPT_SUCCESS_STATUSES | SCRIPT_FAILURE_STATUSES
"""Activity status codes that end a script run (unconfirmed beyond ``COMPLETED``)."""
UNCONFIRMED = "UNCONFIRMED"


@dataclass(frozen=True)
class ScriptOutcome:
    """How one script run ended: a terminal status, or ``UNCONFIRMED`` by the deadline."""

    ref: ScriptRef
    status: str
    activity: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """The script reported success."""
        return self.status in SCRIPT_SUCCESS_STATUSES


def _match(
    refs: Sequence[ScriptRef], outcomes: Sequence[ScriptOutcome | None], activity: dict[str, Any]
) -> int | None:
    """Which waiting script an outcome activity belongs to."""
    data = activity.get("data") if isinstance(activity.get("data"), dict) else {}
    named = data.get("id", data.get("uid")) if data else None
    for i, ref in enumerate(refs):
        if outcomes[i] is not None:
            continue
        if named is None or str(named) == str(ref.id if ref.id is not None else ref.uid):
            return i
    return None


class NinjaOneClient(ApiClient):
    """Client for the NinjaOne public API v2."""

    service = "ninjaone"

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        refresh_token: str | None = None,
        scope: str = DEFAULT_SCOPE,
        action_map: Mapping[str, Mapping[str, Any]] | None = None,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
        expiry_margin: float = 60.0,
        on_refresh_token: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(base_url, session=session)
        self._client_id = client_id
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self._scope = scope
        self._clock = clock
        self._margin = expiry_margin
        self._on_refresh_token = on_refresh_token
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_expires = 0.0
        self.action_map = parse_action_map(action_map or {})

    @classmethod
    def from_settings(
        cls, env: Mapping[str, str] | None = None, *, session: requests.Session | None = None
    ) -> NinjaOneClient:
        """Build from `NINJAONE_*` variables (see the module docstring)."""
        raw_map = read_setting("NINJAONE_ACTION_MAP", env)
        return cls(
            require_setting(read_setting("NINJAONE_BASE_URL", env), "NINJAONE_BASE_URL"),
            require_setting(read_setting("NINJAONE_CLIENT_ID", env), "NINJAONE_CLIENT_ID"),
            require_setting(read_secret("NINJAONE_CLIENT_SECRET", env), "NINJAONE_CLIENT_SECRET"),
            refresh_token=read_secret("NINJAONE_REFRESH_TOKEN", env),
            scope=read_setting("NINJAONE_SCOPE", env, DEFAULT_SCOPE) or DEFAULT_SCOPE,
            action_map=json.loads(raw_map) if raw_map else None,
            session=session,
        )

    # -- tokens -----------------------------------------------------------------------------

    def access_token(self) -> str:
        """A valid access token, fetched once and reused until shortly before it expires."""
        with self._lock:
            if self._token is not None and self._clock() < self._token_expires:
                return self._token
            return self._fetch_token_locked()

    def invalidate_token(self) -> None:
        """Forget the cached token (after the API refused it)."""
        with self._lock:
            self._token = None

    def _fetch_token_locked(self) -> str:
        form = {"client_id": self._client_id, "client_secret": self._client_secret}
        if self._refresh_token:
            form |= {"grant_type": "refresh_token", "refresh_token": self._refresh_token}
        else:
            form |= {"grant_type": "client_credentials", "scope": self._scope}
        try:
            # Asking for a token twice is harmless, so 5xx answers are retried too.
            response = self._request("POST", TOKEN_PATH, form=form, retry_unsafe=True)
        except RequestRejected as exc:
            # OAuth reports a bad client or refresh token as 400 invalid_client/invalid_grant.
            raise AuthError(
                str(exc), service=self.service, status=exc.status, body=exc.body
            ) from exc
        payload = expect_dict(self._json(response), "token response", self.service)
        token = payload.get("access_token")
        expires_in = payload.get("expires_in", 3600)
        if not isinstance(token, str) or not isinstance(expires_in, int | float):
            raise self._contract("token response without access_token/expires_in")
        new_refresh = payload.get("refresh_token")
        if isinstance(new_refresh, str) and new_refresh and new_refresh != self._refresh_token:
            self._refresh_token = new_refresh
            if self._on_refresh_token is not None:
                self._on_refresh_token(new_refresh)
        self._token = token
        self._token_expires = self._clock() + float(expires_in) - self._margin
        return token

    def _api(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        """Call the API with the cached token; after a 401, fetch a new token and retry once."""
        for attempt in (1, 2):
            token = self.access_token()
            try:
                return self._request(
                    method,
                    path,
                    json_body=json_body,
                    params=params,
                    headers={"Authorization": f"Bearer {token}"},
                )
            except AuthError as exc:
                if exc.status != 401 or attempt == 2:
                    raise
                self.invalidate_token()
        raise AssertionError("unreachable")

    # -- devices ----------------------------------------------------------------------------

    def run_script(
        self, device_id: int | str, ref: ScriptRef, parameters: str | None = None
    ) -> None:
        """Start a script or action on a device; NinjaOne runs it asynchronously.

        Not retried after a 5xx (the script could run twice); watch `device_activities`.
        """
        body: dict[str, Any] = {"type": ref.type}
        if ref.id is not None:
            body["id"] = ref.id
        else:
            body["uid"] = ref.uid
        params = parameters if parameters is not None else ref.parameters
        if params is not None:
            body["parameters"] = params
        if ref.run_as is not None:
            body["runAs"] = ref.run_as
        self._api("POST", f"/v2/device/{device_id}/script/run", json_body=body)

    def resolve_action(self, location_id: str, action: str) -> ScriptRef:
        """The script configured for a named action at a location (or at `"*"`)."""
        if action not in NAMED_ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        for key in (str(location_id), "*"):
            ref = self.action_map.get(key, {}).get(action)
            if ref is not None:
                return ref
        raise LookupError(f"no script configured for {action!r} at location {location_id!r}")

    def get_device(self, device_id: int | str) -> dict[str, Any]:
        """A device's details (`offline`, `lastContact`, names...)."""
        return expect_dict(
            self._json(self._api("GET", f"/v2/device/{device_id}")), "device", self.service
        )

    def device_activities(
        self, device_id: int | str, *, newer_than: int | None = None, page_size: int = 50
    ) -> list[dict[str, Any]]:
        """Recent activities of a device (script results show up here), newest first."""
        params: dict[str, Any] = {"pageSize": page_size}
        if newer_than is not None:
            params["newerThan"] = newer_than
        payload = self._json(self._api("GET", f"/v2/device/{device_id}/activities", params=params))
        if isinstance(payload, list):
            items = payload
        else:
            items = expect_list(
                expect_dict(payload, "activities", self.service).get("activities", []),
                "activities",
                self.service,
            )
        return [expect_dict(item, "activity", self.service) for item in items]

    def last_activity_id(self, device_id: int | str) -> int:
        """The id of the device's newest activity (0 when it has none): the point after which a
        script started now reports."""
        newest = self.device_activities(device_id, page_size=1)
        return max((int(a.get("id") or 0) for a in newest), default=0)

    def await_outcomes(
        self,
        device_id: int | str,
        refs: Sequence[ScriptRef],
        since_id: int,
        *,
        deadline_seconds: float,
        poll_seconds: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> list[ScriptOutcome]:
        """Wait until each started script reported its outcome, or the deadline passed.

        NinjaOne runs scripts asynchronously: ``run_script`` only says the run was requested.
        The outcome shows up as a later activity of the device. An activity newer than
        ``since_id`` with a terminal ``statusCode`` is matched to the script named in its
        ``data`` (``id``/``uid``), else to the oldest script still waiting (unconfirmed: the
        public spec does not document the result activity). Scripts with no outcome by the
        deadline are ``UNCONFIRMED``; the caller treats that as a failure.
        """
        outcomes: list[ScriptOutcome | None] = [None] * len(refs)
        seen: set[Any] = set()
        deadline = clock() + deadline_seconds
        while True:
            for activity in reversed(self.device_activities(device_id, newer_than=since_id)):
                status = str(activity.get("statusCode") or activity.get("status") or "").upper()
                if activity.get("id") in seen or status not in TERMINAL_SCRIPT_STATUSES:
                    continue
                seen.add(activity.get("id"))
                index = _match(refs, outcomes, activity)
                if index is not None:
                    outcomes[index] = ScriptOutcome(refs[index], status, activity)
            if all(o is not None for o in outcomes) or clock() + poll_seconds > deadline:
                break
            sleep(poll_seconds)
        return [
            o if o is not None else ScriptOutcome(refs[i], UNCONFIRMED)
            for i, o in enumerate(outcomes)
        ]
