"""Contract fake of the UniFi Access developer API (`/api/v1/developer/...`).

Auth: `Authorization: Bearer <token>`, else HTTP 401 with code `CODE_ACCESS_TOKEN_INVALID`.
Every JSON answer is the `{"code", "msg", "data"}` envelope. Invalid bodies get HTTP 400 with
`CODE_PARAMS_INVALID`; unknown visitors and doors get HTTP 200 with `CODE_NOT_EXISTS` (how the
console reports a missing object is unconfirmed; this makes clients check the envelope).

Routes: `POST /visitors`, `GET /visitors` (paged; `keyword` is a prefix of the first or last
name), `GET|PUT|DELETE /visitors/{id}`, `PUT /visitors/{id}/qr_codes`,
`GET /credentials/qr_codes/download/{visitor_id}` (a real QR PNG), `GET /doors`,
`GET /door_groups/topology`, `PUT /doors/{id}/unlock`.

Control: `POST /_doors` `{"doors": [{"id", "name"}]}` replaces the doors; `GET /_visitors`;
`GET /_unlocks`; `POST /_webhooks` `{"url", "secret", "event": {...}}` sends a signed
`access.door.unlock`-style webhook.
"""

from __future__ import annotations

import io
import json
import time
import uuid
from typing import Any

import requests
import segno
from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from booking.domain.signatures import sign_unifi
from saas_fakes.base import FakeApp, json_response

DEFAULT_TOKEN = "unifi-test-token"
PREFIX = "/api/v1/developer"
DEFAULT_DOORS: tuple[dict[str, str], ...] = (
    {"id": "door-main", "name": "Main Entrance"},
    {"id": "door-bay-1", "name": "Bay 1"},
    {"id": "door-bay-2", "name": "Bay 2"},
)
VISIT_REASONS = {"Interview", "Business", "Cooperation", "Others"}


def envelope(
    data: Any = None, code: str = "SUCCESS", msg: str = "success", status: int = 200
) -> Response:
    """UniFi's response envelope."""
    return json_response({"code": code, "msg": msg, "data": data}, status)


class UnifiAccessFake(FakeApp):
    """In-memory UniFi Access console: doors, visitors, QR credentials, unlocks."""

    name = "unifi"

    def __init__(
        self, *, token: str = DEFAULT_TOKEN, rate_limit: int | None = None, rate_window: float = 1.0
    ) -> None:
        super().__init__(rate_limit=rate_limit, rate_window=rate_window)
        self.token = token
        self.doors: dict[str, dict[str, Any]] = {}
        self.visitors: dict[str, dict[str, Any]] = {}
        self.unlocks: list[dict[str, Any]] = []
        self._set_doors(list(DEFAULT_DOORS))

    def api_rules(self) -> list[Rule]:
        """Console routes used by the platform."""
        p = PREFIX
        return [
            Rule(f"{p}/visitors", methods=["POST"], endpoint="create_visitor"),
            Rule(f"{p}/visitors", methods=["GET"], endpoint="list_visitors"),
            Rule(f"{p}/visitors/<vid>", methods=["GET"], endpoint="get_visitor"),
            Rule(f"{p}/visitors/<vid>", methods=["PUT"], endpoint="update_visitor"),
            Rule(f"{p}/visitors/<vid>", methods=["DELETE"], endpoint="delete_visitor"),
            Rule(f"{p}/visitors/<vid>/qr_codes", methods=["PUT"], endpoint="assign_qr"),
            Rule(f"{p}/visitors/<vid>/qr_codes", methods=["DELETE"], endpoint="unassign_qr"),
            Rule(f"{p}/credentials/qr_codes/download/<vid>", methods=["GET"], endpoint="qr_png"),
            Rule(f"{p}/doors", methods=["GET"], endpoint="doors"),
            Rule(f"{p}/door_groups/topology", methods=["GET"], endpoint="topology"),
            Rule(f"{p}/doors/<door_id>/unlock", methods=["PUT"], endpoint="unlock"),
        ]

    def control_rules(self) -> list[Rule]:
        """Seeding and inspection."""
        return [
            Rule("/_doors", methods=["POST"], endpoint="set_doors"),
            Rule("/_visitors", methods=["GET"], endpoint="visitors"),
            Rule("/_unlocks", methods=["GET"], endpoint="unlocks"),
            Rule("/_webhooks", methods=["POST"], endpoint="webhook"),
        ]

    def error(self, status: int, message: str) -> Response:
        """Errors in the envelope, with a code matching the status."""
        code = {
            400: "CODE_PARAMS_INVALID",
            401: "CODE_ACCESS_TOKEN_INVALID",
            403: "CODE_UNAUTHORIZED",
            404: "CODE_RESOURCE_NOT_FOUND",
            429: "CODE_OPERATION_FORBIDDEN",
        }.get(status, "CODE_SYSTEM_ERROR")
        return envelope(None, code, message, status)

    def authenticate(self, request: Request, endpoint: str) -> Response | None:
        """Bearer API token."""
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self.error(401, "The provided access token is invalid.")
        return None

    def configure(self, settings: dict[str, Any]) -> None:
        """Also accepts `token`."""
        if "token" in settings:
            self.token = str(settings["token"])
        super().configure(settings)

    def reset_state(self) -> None:
        """Back to the default doors, no visitors."""
        self.visitors.clear()
        self.unlocks.clear()
        self._set_doors(list(DEFAULT_DOORS))

    def _set_doors(self, doors: list[dict[str, Any]]) -> None:
        self.doors = {
            d["id"]: {
                "id": d["id"],
                "name": d.get("name", d["id"]),
                "full_name": d.get("full_name", f"Club - {d.get('name', d['id'])}"),
                "floor_id": d.get("floor_id", "floor-1"),
                "type": "door",
                "is_bind_hub": True,
                "door_lock_relay_status": "lock",
                "door_position_status": "close",
            }
            for d in doors
        }

    # -- validation -------------------------------------------------------------------------

    def _check_resources(self, resources: Any) -> list[dict[str, Any]]:
        if not isinstance(resources, list):
            raise self.bad("resources must be an array")
        checked = []
        for res in resources:
            if (
                not isinstance(res, dict)
                or not isinstance(res.get("id"), str)
                or res.get("type") not in ("door", "door_group")
            ):
                raise self.bad(f"invalid resource {res!r}: needs id and type door|door_group")
            if res["type"] == "door" and res["id"] not in self.doors:
                raise self.bad(f"unknown door {res['id']}")
            name = self.doors[res["id"]]["name"] if res["type"] == "door" else res["id"]
            checked.append({"id": res["id"], "type": res["type"], "name": name})
        return checked

    def _check_fields(self, body: dict[str, Any], *, create: bool) -> None:
        for key in ("first_name", "last_name"):
            if create and not isinstance(body.get(key), str):
                raise self.bad(f"{key} is required")
            if key in body and (not isinstance(body[key], str) or not body[key]):
                raise self.bad(f"{key} must be a non-empty string")
        for key in ("start_time", "end_time"):
            if create and key not in body:
                raise self.bad(f"{key} is required")
            if key in body and (not isinstance(body[key], int) or isinstance(body[key], bool)):
                raise self.bad(f"{key} must be an integer (Unix seconds)")
            if key in body and body[key] > 10_000_000_000:
                raise self.bad(f"{key} must be in seconds, not milliseconds")
        if create and body.get("visit_reason") not in VISIT_REASONS:
            raise self.bad(f"visit_reason must be one of {sorted(VISIT_REASONS)}")
        if "visit_reason" in body and body["visit_reason"] not in VISIT_REASONS:
            raise self.bad(f"visit_reason must be one of {sorted(VISIT_REASONS)}")

    @staticmethod
    def _public(visitor: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in visitor.items() if not k.startswith("_")}

    def _not_exists(self, what: str) -> Response:
        return envelope(None, "CODE_NOT_EXISTS", f"The requested {what} does not exist.")

    # -- visitors ---------------------------------------------------------------------------

    def on_create_visitor(self, request: Request) -> Response:
        """Create a visitor."""
        body = self.json_body(request)
        if not isinstance(body, dict):
            raise self.bad("body must be an object")
        self._check_fields(body, create=True)
        if body["end_time"] <= body["start_time"]:
            raise self.bad("end_time must be after start_time")
        resources = self._check_resources(body.get("resources", []))
        vid = str(uuid.uuid4())
        visitor = {
            "id": vid,
            "first_name": body["first_name"],
            "last_name": body["last_name"],
            "email": body.get("email", ""),
            "remarks": body.get("remarks", ""),
            "mobile_phone": body.get("mobile_phone", ""),
            "visitor_company": body.get("visitor_company", ""),
            "visit_reason": body["visit_reason"],
            "start_time": body["start_time"],
            "end_time": body["end_time"],
            "status": "UPCOMING",
            "resources": resources,
            "nfc_cards": [],
            "pin_code": None,
            "_qr": False,
        }
        self.visitors[vid] = visitor
        return envelope(self._public(visitor))

    def on_list_visitors(self, request: Request) -> Response:
        """Visitors, a page at a time (`page_num` from 1, `page_size`, default 25).

        `keyword` matches the start of the first or the last name (case-insensitive) and, as
        the console documents, turns the `status` filter off.
        """
        try:
            page_num = max(1, int(request.args.get("page_num", "1")))
            page_size = max(1, min(1000, int(request.args.get("page_size", "25"))))
        except ValueError:
            raise self.bad("page_num and page_size must be numbers") from None
        keyword = (request.args.get("keyword") or "").lower()
        found = list(self.visitors.values())
        if keyword:
            found = [
                v
                for v in found
                if v["first_name"].lower().startswith(keyword)
                or v["last_name"].lower().startswith(keyword)
            ]
        page = found[(page_num - 1) * page_size : page_num * page_size]
        answer = envelope([self._public(v) for v in page])
        body = json.loads(answer.get_data())
        body["pagination"] = {"page_num": page_num, "page_size": page_size, "total": len(found)}
        return json_response(body, answer.status_code)

    def on_get_visitor(self, request: Request, vid: str) -> Response:
        """One visitor."""
        visitor = self.visitors.get(vid)
        if visitor is None:
            return self._not_exists("visitor")
        return envelope(self._public(visitor))

    def on_update_visitor(self, request: Request, vid: str) -> Response:
        """Change a visitor (omitted fields stay)."""
        body = self.json_body(request)
        if not isinstance(body, dict):
            raise self.bad("body must be an object")
        visitor = self.visitors.get(vid)
        if visitor is None:
            return self._not_exists("visitor")
        self._check_fields(body, create=False)
        if "status" in body:
            raise self.bad("Status change is not supported")
        start = body.get("start_time", visitor["start_time"])
        end = body.get("end_time", visitor["end_time"])
        if end <= start:
            raise self.bad("end_time must be after start_time")
        if "resources" in body:
            visitor["resources"] = self._check_resources(body["resources"])
        for key in ("first_name", "last_name", "email", "remarks", "visit_reason"):
            if key in body:
                visitor[key] = body[key]
        visitor["start_time"], visitor["end_time"] = start, end
        return envelope(self._public(visitor))

    def on_delete_visitor(self, request: Request, vid: str) -> Response:
        """Delete (is_force=true) or cancel a visitor."""
        visitor = self.visitors.get(vid)
        if visitor is None:
            return self._not_exists("visitor")
        if request.args.get("is_force") == "true":
            del self.visitors[vid]
        else:
            visitor["status"] = "CANCELLED"
        return envelope(None)

    def on_assign_qr(self, request: Request, vid: str) -> Response:
        """Give the visitor a QR credential."""
        visitor = self.visitors.get(vid)
        if visitor is None:
            return self._not_exists("visitor")
        visitor["_qr"] = True
        return envelope(None)

    def on_unassign_qr(self, request: Request, vid: str) -> Response:
        """Remove the visitor's QR credential."""
        visitor = self.visitors.get(vid)
        if visitor is None:
            return self._not_exists("visitor")
        visitor["_qr"] = False
        return envelope(None)

    def on_qr_png(self, request: Request, vid: str) -> Response:
        """The visitor's QR code as a PNG."""
        visitor = self.visitors.get(vid)
        if visitor is None or not visitor["_qr"]:
            return self._not_exists("QR code")
        buffer = io.BytesIO()
        segno.make(f"unifi-visitor:{vid}", error="m").save(buffer, kind="png", scale=4)
        return Response(buffer.getvalue(), mimetype="image/png")

    # -- doors ------------------------------------------------------------------------------

    def on_doors(self, request: Request) -> Response:
        """All doors."""
        return envelope(list(self.doors.values()))

    def on_topology(self, request: Request) -> Response:
        """One building holding every door."""
        building = {
            "id": "building-1",
            "type": "building",
            "name": "Club",
            "resources": [
                {"id": d["id"], "type": "door", "name": d["name"]} for d in self.doors.values()
            ],
        }
        return envelope([building])

    def on_unlock(self, request: Request, door_id: str) -> Response:
        """Remote unlock; body optional `{actor_id, actor_name, extra}`."""
        body = self.json_body(request, required=False) or {}
        if not isinstance(body, dict):
            raise self.bad("body must be an object")
        if bool(body.get("actor_id")) != bool(body.get("actor_name")):
            raise self.bad("actor_id and actor_name must be given together")
        if "extra" in body and not isinstance(body["extra"], dict):
            raise self.bad("extra must be an object")
        if door_id not in self.doors:
            return self._not_exists("door")
        self.unlocks.append({"door_id": door_id, "at": time.time(), **body})
        return envelope(None)

    # -- control ----------------------------------------------------------------------------

    def control_set_doors(self, request: Request) -> Response:
        """Replace the doors."""
        self._set_doors(json.loads(request.get_data())["doors"])
        return json_response(list(self.doors.values()), 201)

    def control_visitors(self, request: Request) -> Response:
        """Stored visitors, with `qr_assigned`."""
        return json_response(
            [self._public(v) | {"qr_assigned": v["_qr"]} for v in self.visitors.values()]
        )

    def control_unlocks(self, request: Request) -> Response:
        """Unlocks received."""
        return json_response(self.unlocks)

    def control_webhook(self, request: Request) -> Response:
        """Send a signed webhook (`Signature: t=..,v1=..`) to the platform."""
        body = json.loads(request.get_data() or b"{}")
        event = body.get("event") or {
            "event": "access.door.unlock",
            "event_object_id": str(uuid.uuid4()),
            "data": {"location": {"id": "door-main"}, "actor": {"id": "visitor"}},
        }
        raw = json.dumps(event).encode()
        header = sign_unifi(raw, body["secret"], int(time.time()))
        sent = requests.post(
            body["url"],
            data=raw,
            headers={"Content-Type": "application/json", "Signature": header},
            timeout=10,
        )
        return json_response({"status": sent.status_code, "body": sent.text[:2000]})
