"""Contract fake of the NinjaOne public API v2 and its OAuth token endpoint.

`POST /ws/oauth/token` (form encoded): `client_credentials` (client_id, client_secret, scope)
and `refresh_token` (client_id, client_secret, refresh_token) grants. Bad client credentials give
401 `invalid_client`; an unknown refresh token 400 `invalid_grant`; a JSON body 400.
API calls need `Authorization: Bearer <access token>` (401 when unknown or expired).

Routes: `GET /v2/device/{id}`, `GET /v2/device/{id}/activities` (`pageSize`, `newerThan`),
`POST /v2/device/{id}/script/run` `{type: SCRIPT|ACTION, id|uid, parameters?, runAs?}` (204),
`POST /v2/device/{id}/reboot/{NORMAL|FORCED}` `{reason?}` (204).
Scripts run asynchronously, as on NinjaOne: a run answers 204 at once and adds a
`START_REQUESTED` activity; `script_seconds` later (0 by default) a second activity reports the
outcome, `statusCode` `COMPLETED`, or `FAILED` for scripts listed in `failing_scripts`; scripts in
`stuck_scripts` never report. Outcome activities carry the run's body in `data` (the real
console's result codes and payload are unconfirmed: the public spec does not list them).
With `require_user_context` set, script runs and reboots with a client-credentials token answer
403 "Access key does not have user context", as reported by NinjaOne users.

Control: `POST /_devices` `{"devices": [{"id", "displayName"?, "offline"?}]}` adds devices;
`POST /_refresh_tokens` issues a refresh token (standing in for the authorization-code flow);
`POST /_expire_tokens` expires every access token; `GET /_runs` lists script runs (`?device=`);
`POST /_config` also takes `token_ttl`, `require_user_context`, `client_id`, `client_secret`,
`script_seconds`, `failing_scripts`, `stuck_scripts` (script ids or action uids).
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from saas_fakes.base import FakeApp, json_response

DEFAULT_CLIENT_ID = "ninja-client"
DEFAULT_CLIENT_SECRET = "ninja-secret"
NO_USER_CONTEXT = "Access key does not have user context"


class NinjaOneFake(FakeApp):
    """In-memory NinjaOne: OAuth tokens, devices, script runs and activities."""

    name = "ninjaone"

    def __init__(
        self,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        token_ttl: int = 3600,
        require_user_context: bool = False,
        device_ids: tuple[int, ...] = tuple(range(1, 11)),
        rate_limit: int | None = None,
        rate_window: float = 60.0,
    ) -> None:
        super().__init__(rate_limit=rate_limit, rate_window=rate_window)
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl
        self.require_user_context = require_user_context
        self._default_devices = device_ids
        self.tokens: dict[str, dict[str, Any]] = {}
        self.refresh_tokens: set[str] = set()
        self.devices: dict[int, dict[str, Any]] = {}
        self.activities: list[dict[str, Any]] = []
        self.runs: list[dict[str, Any]] = []
        self.script_seconds = 0.0
        self.failing_scripts: set[str] = set()
        self.stuck_scripts: set[str] = set()
        self._pending: list[dict[str, Any]] = []
        self._add_devices([{"id": i} for i in device_ids])

    def api_rules(self) -> list[Rule]:
        """OAuth and device routes used by the platform."""
        return [
            Rule("/ws/oauth/token", methods=["POST"], endpoint="token"),
            Rule("/v2/device/<int:device_id>", methods=["GET"], endpoint="device"),
            Rule("/v2/device/<int:device_id>/activities", methods=["GET"], endpoint="activities"),
            Rule("/v2/device/<int:device_id>/script/run", methods=["POST"], endpoint="run"),
            Rule("/v2/device/<int:device_id>/reboot/<mode>", methods=["POST"], endpoint="reboot"),
        ]

    def control_rules(self) -> list[Rule]:
        """Seeding and inspection."""
        return [
            Rule("/_devices", methods=["POST"], endpoint="add_devices"),
            Rule("/_refresh_tokens", methods=["POST"], endpoint="issue_refresh"),
            Rule("/_expire_tokens", methods=["POST"], endpoint="expire_tokens"),
            Rule("/_runs", methods=["GET"], endpoint="runs"),
        ]

    def error(self, status: int, message: str) -> Response:
        """NinjaOne's error body."""
        return json_response(
            {"resultCode": "FAILURE", "errorMessage": message, "incidentId": secrets.token_hex(8)},
            status,
        )

    def authenticate(self, request: Request, endpoint: str) -> Response | None:
        """Bearer access token for the API; the token endpoint checks its own form."""
        if endpoint == "token":
            return None
        header = request.headers.get("Authorization", "")
        token = (
            self.tokens.get(header.removeprefix("Bearer "))
            if header.startswith("Bearer ")
            else None
        )
        if token is None or token["expires_at"] <= time.time():
            return json_response(
                {"error": "invalid_token", "error_description": "unauthorized"}, 401
            )
        request.environ["fake.token"] = token
        return None

    def configure(self, settings: dict[str, Any]) -> None:
        """Also `token_ttl`, `require_user_context`, `client_id`, `client_secret`."""
        if "token_ttl" in settings:
            self.token_ttl = int(settings["token_ttl"])
        if "require_user_context" in settings:
            self.require_user_context = bool(settings["require_user_context"])
        if "client_id" in settings:
            self.client_id = str(settings["client_id"])
        if "client_secret" in settings:
            self.client_secret = str(settings["client_secret"])
        if "script_seconds" in settings:
            self.script_seconds = float(settings["script_seconds"])
        if "failing_scripts" in settings:
            self.failing_scripts = {str(x) for x in settings["failing_scripts"] or []}
        if "stuck_scripts" in settings:
            self.stuck_scripts = {str(x) for x in settings["stuck_scripts"] or []}
        super().configure(settings)

    def reset_state(self) -> None:
        """Forget tokens, runs and activities; default devices again."""
        self.tokens.clear()
        self.refresh_tokens.clear()
        self.devices.clear()
        self.activities.clear()
        self.runs.clear()
        self._pending.clear()
        self.script_seconds = 0.0
        self.failing_scripts = set()
        self.stuck_scripts = set()
        self._add_devices([{"id": i} for i in self._default_devices])

    def _add_devices(self, devices: list[dict[str, Any]]) -> None:
        for d in devices:
            did = int(d["id"])
            self.devices[did] = {
                "id": did,
                "organizationId": 1,
                "locationId": d.get("locationId", 1),
                "nodeClass": "WINDOWS_WORKSTATION",
                "approvalStatus": "APPROVED",
                "offline": bool(d.get("offline", False)),
                "displayName": d.get("displayName", f"SIM-PC-{did:02d}"),
                "systemName": d.get("systemName", f"SIMPC{did:02d}"),
                "lastContact": time.time(),
            }

    def _activity(self, device_id: int, subject: str, message: str, data: dict[str, Any]) -> None:
        self.activities.append(
            {
                "id": self.next_id(),
                "activityTime": time.time(),
                "deviceId": device_id,
                "activityType": "ACTION",
                "statusCode": "START_REQUESTED",
                "status": "START_REQUESTED",
                "sourceName": "API",
                "subject": subject,
                "message": message,
                "data": data,
            }
        )

    # -- OAuth ------------------------------------------------------------------------------

    def on_token(self, request: Request) -> Response:
        """Issue an access token."""
        if request.mimetype != "application/x-www-form-urlencoded":
            return json_response(
                {"error": "invalid_request", "error_description": "form encoding required"}, 400
            )
        form = request.form
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return json_response({"error": "invalid_client"}, 401)
        grant = form.get("grant_type")
        if grant == "client_credentials":
            kind = "client"
            scope = form.get("scope", "monitoring")
        elif grant == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                return json_response({"error": "invalid_grant"}, 400)
            kind = "user"
            scope = "monitoring management control offline_access"
        else:
            return json_response({"error": "unsupported_grant_type"}, 400)
        unknown = set(scope.split()) - {"monitoring", "management", "control", "offline_access"}
        if unknown:
            return json_response({"error": "invalid_scope"}, 400)
        access = secrets.token_urlsafe(24)
        self.tokens[access] = {
            "kind": kind,
            "scope": scope,
            "expires_at": time.time() + self.token_ttl,
        }
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": self.token_ttl,
            "scope": scope,
        }
        return json_response(answer)

    def _require_user(self, request: Request) -> None:
        token = request.environ["fake.token"]
        if self.require_user_context and token["kind"] != "user":
            raise self.bad(NO_USER_CONTEXT, 403)
        if "management" not in token["scope"].split() and "control" not in token["scope"].split():
            raise self.bad("Insufficient scope", 403)

    # -- devices ----------------------------------------------------------------------------

    def _device(self, device_id: int) -> dict[str, Any]:
        device = self.devices.get(device_id)
        if device is None:
            raise self.bad(f"Device {device_id} not found", 404)
        return device

    def on_device(self, request: Request, device_id: int) -> Response:
        """One device."""
        return json_response(self._device(device_id))

    def _report_finished_runs(self) -> None:
        """Add the outcome activity of every script run whose time has come."""
        now = time.time()
        due = [p for p in self._pending if p["completes_at"] <= now]
        self._pending = [p for p in self._pending if p["completes_at"] > now]
        for run in due:
            ref = str(run["body"].get("id", run["body"].get("uid")))
            status = "FAILED" if ref in self.failing_scripts else "COMPLETED"
            self.activities.append(
                {
                    "id": self.next_id(),
                    "activityTime": now,
                    "deviceId": run["device_id"],
                    "activityType": "ACTION",
                    "statusCode": status,
                    "status": status,
                    "sourceName": "API",
                    "subject": "Script result",
                    "message": f"{run['body'].get('type')} {ref} {status.lower()}",
                    "data": run["body"],
                }
            )

    def on_activities(self, request: Request, device_id: int) -> Response:
        """A device's activities, newest first (script outcomes added when due)."""
        self._device(device_id)
        self._report_finished_runs()
        try:
            size = int(request.args.get("pageSize", 200))
            newer = int(request.args["newerThan"]) if "newerThan" in request.args else None
        except ValueError:
            raise self.bad("pageSize/newerThan must be integers") from None
        items = [
            a
            for a in reversed(self.activities)
            if a["deviceId"] == device_id and (newer is None or a["id"] > newer)
        ][:size]
        last = max((a["id"] for a in self.activities), default=0)
        return json_response({"lastActivityId": last, "activities": items})

    def on_run(self, request: Request, device_id: int) -> Response:
        """Start a script or action."""
        body = self.json_body(request)
        if not isinstance(body, dict):
            raise self.bad("body must be an object")
        kind = body.get("type")
        if kind == "SCRIPT":
            if not isinstance(body.get("id"), int) or isinstance(body.get("id"), bool):
                raise self.bad("SCRIPT runs need an integer id")
        elif kind == "ACTION":
            if not isinstance(body.get("uid"), str) or not body["uid"]:
                raise self.bad("ACTION runs need a uid")
        else:
            raise self.bad("type must be SCRIPT or ACTION")
        for key in ("parameters", "runAs"):
            if key in body and not isinstance(body[key], str):
                raise self.bad(f"{key} must be a string")
        unknown = set(body) - {"type", "id", "uid", "parameters", "runAs"}
        if unknown:
            raise self.bad(f"unknown fields {sorted(unknown)}")
        self._require_user(request)
        device = self._device(device_id)
        if device["offline"]:
            raise self.bad(f"Device {device_id} is offline", 400)
        run = {"device_id": device_id, "at": time.time(), **body}
        self.runs.append(run)
        self._activity(device_id, "Script run", f"{kind} {body.get('id', body.get('uid'))}", body)
        if str(body.get("id", body.get("uid"))) not in self.stuck_scripts:
            self._pending.append(
                {
                    "device_id": device_id,
                    "body": dict(body),
                    "completes_at": time.time() + self.script_seconds,
                }
            )
        return Response(status=204)

    def on_reboot(self, request: Request, device_id: int, mode: str) -> Response:
        """Reboot a device."""
        if mode not in ("NORMAL", "FORCED"):
            raise self.bad("mode must be NORMAL or FORCED")
        body = self.json_body(request, required=False) or {}
        if not isinstance(body, dict) or ("reason" in body and not isinstance(body["reason"], str)):
            raise self.bad("body must be {reason?: string}")
        self._require_user(request)
        self._device(device_id)
        self._activity(device_id, "Reboot", mode, body)
        self.runs.append({"device_id": device_id, "at": time.time(), "reboot": mode, **body})
        return Response(status=204)

    # -- control ----------------------------------------------------------------------------

    def control_add_devices(self, request: Request) -> Response:
        """Add or replace devices."""
        self._add_devices(json.loads(request.get_data())["devices"])
        return json_response(sorted(self.devices), 201)

    def control_issue_refresh(self, request: Request) -> Response:
        """A refresh token, as the authorization-code flow would give."""
        token = secrets.token_urlsafe(24)
        self.refresh_tokens.add(token)
        return json_response({"refresh_token": token}, 201)

    def control_expire_tokens(self, request: Request) -> Response:
        """Expire every access token now."""
        for token in self.tokens.values():
            token["expires_at"] = 0.0
        return Response(status=204)

    def control_runs(self, request: Request) -> Response:
        """Script runs and reboots received."""
        device = request.args.get("device")
        runs = [r for r in self.runs if device is None or str(r["device_id"]) == device]
        return json_response(runs)
