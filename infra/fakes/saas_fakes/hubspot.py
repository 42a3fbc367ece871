"""Contract fake of the HubSpot CRM v3 API (the calls the platform makes).

Auth: `Authorization: Bearer <private app token>`, else 401 `INVALID_AUTHENTICATION`.
Routes: `POST /crm/v3/objects/contacts/search` (filters, one sort, `limit` <= 200, `after`;
paging past 10,000 results answers 400 like HubSpot), `GET|PATCH /crm/v3/objects/contacts/{id}`,
`POST /crm/v3/objects/contacts/batch/update` (<= 100 inputs; unknown ids give 207 with
`errors`), `POST /events/v3/send` (204).
Rate limit: 100 requests per 10 s per token by default (429 with `policyName` and Retry-After).

Control: `POST /_contacts` seeds contacts, either `{"contacts": [{"id"?, "properties": {...},
"lastmodified_ms"?}]}` or `{"bulk": {"count": N, "start_ms": T, "step_ms": 1000,
"per_step": 1}}` (contacts `1..N`, `per_step` of them sharing each `lastmodifieddate`);
`GET /_contacts/<id>`; `GET /_events` lists custom events received;
`POST /_webhooks` `{"url", "events": [...], "client_secret", "request_uri"?}` sends a signed
v3 webhook to the platform.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import requests
from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from booking.domain.signatures import sign_hubspot_v3
from saas_fakes.base import Abort, FakeApp, json_response

DEFAULT_TOKEN = "hubspot-test-token"
SEARCH_CAP = 10_000
MAX_SEARCH_LIMIT = 200
MAX_BATCH = 100
_OPERATORS = {"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "HAS_PROPERTY", "NOT_HAS_PROPERTY"}
_DATE_PROPERTIES = {"lastmodifieddate", "createdate", "hs_lastmodifieddate"}


def ms_to_iso(ms: int) -> str:
    """HubSpot's date format: ISO-8601 UTC with milliseconds."""
    stamp = datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


def _to_ms(value: Any) -> int | None:
    if value is None:
        return None
    text = str(value)
    if text.lstrip("-").isdigit():
        return int(text)
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        return None


class HubSpotFake(FakeApp):
    """In-memory HubSpot: contacts, custom events, search with the 10,000-result cap."""

    name = "hubspot"

    def __init__(
        self, *, token: str = DEFAULT_TOKEN, rate_limit: int | None = 100, rate_window: float = 10.0
    ) -> None:
        super().__init__(rate_limit=rate_limit, rate_window=rate_window)
        self.token = token
        self.contacts: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []

    def api_rules(self) -> list[Rule]:
        """HubSpot routes used by the platform."""
        return [
            Rule("/crm/v3/objects/contacts/search", methods=["POST"], endpoint="search"),
            Rule("/crm/v3/objects/contacts/batch/update", methods=["POST"], endpoint="batch"),
            Rule("/crm/v3/objects/contacts/<cid>", methods=["GET"], endpoint="get_contact"),
            Rule("/crm/v3/objects/contacts/<cid>", methods=["PATCH"], endpoint="patch_contact"),
            Rule("/events/v3/send", methods=["POST"], endpoint="send_event"),
        ]

    def control_rules(self) -> list[Rule]:
        """Seeding and inspection."""
        return [
            Rule("/_contacts", methods=["POST"], endpoint="seed"),
            Rule("/_contacts/<cid>", methods=["GET"], endpoint="contact"),
            Rule("/_events", methods=["GET"], endpoint="events"),
            Rule("/_webhooks", methods=["POST"], endpoint="webhook"),
        ]

    def error(self, status: int, message: str) -> Response:
        """HubSpot's error body."""
        category = {
            400: "VALIDATION_ERROR",
            401: "INVALID_AUTHENTICATION",
            404: "OBJECT_NOT_FOUND",
            429: "RATE_LIMITS",
        }.get(status, "ERROR")
        body = {
            "status": "error",
            "message": message,
            "correlationId": str(uuid.uuid4()),
            "category": category,
        }
        return json_response(body, status)

    def rate_limited(self, retry_after: float) -> Response:
        """HubSpot's 429 with the policy name."""
        body = {
            "status": "error",
            "message": "You have reached your ten_secondly_rolling limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": str(uuid.uuid4()),
            "policyName": "TEN_SECONDLY_ROLLING",
        }
        return json_response(body, 429)

    def authenticate(self, request: Request, endpoint: str) -> Response | None:
        """Private app tokens are sent as Bearer tokens."""
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self.error(
                401,
                "Authentication credentials not found. This API supports OAuth 2.0 "
                "authentication and you can find more details at "
                "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            )
        return None

    def configure(self, settings: dict[str, Any]) -> None:
        """Also accepts `token`."""
        if "token" in settings:
            self.token = str(settings["token"])
        super().configure(settings)

    def reset_state(self) -> None:
        """Drop contacts and events."""
        self.contacts.clear()
        self.events.clear()

    # -- contacts ---------------------------------------------------------------------------

    def _store(self, cid: str, properties: dict[str, Any], modified_ms: int) -> dict[str, Any]:
        existing = self.contacts.get(cid)
        created = existing["createdAt"] if existing else ms_to_iso(modified_ms)
        props = dict(existing["properties"]) if existing else {"createdate": created}
        props.update({k: (None if v is None else str(v)) for k, v in properties.items()})
        props["hs_object_id"] = cid
        props["lastmodifieddate"] = ms_to_iso(modified_ms)
        contact = {
            "id": cid,
            "properties": props,
            "createdAt": created,
            "updatedAt": ms_to_iso(modified_ms),
            "archived": False,
            "_modified_ms": modified_ms,
        }
        self.contacts[cid] = contact
        return contact

    @staticmethod
    def _public(contact: dict[str, Any], properties: list[str] | None) -> dict[str, Any]:
        props = contact["properties"]
        if properties is not None:
            wanted = set(properties) | {"hs_object_id", "createdate", "lastmodifieddate"}
            props = {k: v for k, v in props.items() if k in wanted}
        return {k: v for k, v in contact.items() if not k.startswith("_")} | {"properties": props}

    def _value(self, contact: dict[str, Any], prop: str) -> Any:
        if prop in _DATE_PROPERTIES:
            if prop == "lastmodifieddate":
                return contact["_modified_ms"]
            return _to_ms(contact["properties"].get(prop))
        return contact["properties"].get(prop)

    def _matches(self, contact: dict[str, Any], flt: dict[str, Any]) -> bool:
        prop, op = flt["propertyName"], flt["operator"]
        actual = self._value(contact, prop)
        if op == "HAS_PROPERTY":
            return actual not in (None, "")
        if op == "NOT_HAS_PROPERTY":
            return actual in (None, "")
        wanted: Any = flt.get("value")
        if prop in _DATE_PROPERTIES:
            wanted = _to_ms(wanted)
            if wanted is None:
                raise self.bad(f"invalid date value for {prop}: {flt.get('value')!r}")
        elif actual is not None:
            actual, wanted = str(actual), str(wanted)
        if actual is None:
            return op == "NEQ"
        result: bool = {
            "EQ": lambda: actual == wanted,
            "NEQ": lambda: actual != wanted,
            "LT": lambda: actual < wanted,
            "LTE": lambda: actual <= wanted,
            "GT": lambda: actual > wanted,
            "GTE": lambda: actual >= wanted,
        }[op]()
        return result

    def on_search(self, request: Request) -> Response:
        """Contact search with HubSpot's validation, ordering, paging and cap."""
        body = self.json_body(request)
        if not isinstance(body, dict):
            raise self.bad("request body must be an object")
        unknown = set(body) - {"filterGroups", "sorts", "properties", "limit", "after", "query"}
        if unknown:
            raise self.bad(f"unknown fields: {sorted(unknown)}")
        limit = body.get("limit", 10)
        if (
            not isinstance(limit, int)
            or isinstance(limit, bool)
            or not 1 <= limit <= MAX_SEARCH_LIMIT
        ):
            raise self.bad(f"limit must be an integer between 1 and {MAX_SEARCH_LIMIT}")
        after_raw = body.get("after", "0")
        if not isinstance(after_raw, str | int) or not str(after_raw).isdigit():
            raise self.bad("after must be a numeric string")
        after = int(after_raw)
        if after >= SEARCH_CAP:
            raise self.bad(
                f"Cannot page past {SEARCH_CAP} results; narrow the query "
                "(e.g. a later lastmodifieddate)"
            )
        groups = body.get("filterGroups", [])
        if not isinstance(groups, list) or len(groups) > 5:
            raise self.bad("filterGroups must be a list of at most 5 groups")
        for group in groups:
            filters = group.get("filters") if isinstance(group, dict) else None
            if not isinstance(filters, list) or not filters or len(filters) > 10:
                raise self.bad("each filter group needs 1 to 10 filters")
            for flt in filters:
                if (
                    not isinstance(flt, dict)
                    or not isinstance(flt.get("propertyName"), str)
                    or flt.get("operator") not in _OPERATORS
                ):
                    raise self.bad(f"invalid filter {flt!r}")
                if (
                    flt["operator"] not in ("HAS_PROPERTY", "NOT_HAS_PROPERTY")
                    and "value" not in flt
                ):
                    raise self.bad(f"filter {flt['propertyName']} needs a value")
        sorts = body.get("sorts", [])
        if not isinstance(sorts, list) or len(sorts) > 1:
            raise self.bad("at most one sort is supported")
        properties = body.get("properties")
        if properties is not None and (
            not isinstance(properties, list) or not all(isinstance(p, str) for p in properties)
        ):
            raise self.bad("properties must be a list of strings")

        matched = [
            c
            for c in self.contacts.values()
            if not groups or any(all(self._matches(c, f) for f in g["filters"]) for g in groups)
        ]
        if sorts:
            sort = sorts[0]
            if not isinstance(sort, dict) or not isinstance(sort.get("propertyName"), str):
                raise self.bad("invalid sort")
            prop = sort["propertyName"]
            descending = sort.get("direction", "ASCENDING") == "DESCENDING"

            def key(c: dict[str, Any]) -> tuple[int, Any, int]:
                value = self._value(c, prop)
                return (value is None, value if value is not None else 0, int(c["id"]))

            matched.sort(key=key, reverse=descending)
        else:
            matched.sort(key=lambda c: int(c["id"]))
        page = matched[after : after + limit]
        result: dict[str, Any] = {
            "total": len(matched),
            "results": [self._public(c, properties) for c in page],
        }
        if after + limit < len(matched):
            next_after = str(after + limit)
            result["paging"] = {"next": {"after": next_after, "link": f"?after={next_after}"}}
        return json_response(result)

    def on_get_contact(self, request: Request, cid: str) -> Response:
        """One contact."""
        contact = self.contacts.get(cid)
        if contact is None:
            return self.error(404, f"Object not found. objectId are usually numeric. ({cid})")
        props = request.args.get("properties")
        return json_response(self._public(contact, props.split(",") if props else None))

    def _validated_properties(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise self.bad("properties must be a non-empty object")
        for k, v in value.items():
            if not isinstance(v, str | int | float | bool) and v is not None:
                raise self.bad(f"property {k} must be a scalar")
        return value

    def on_patch_contact(self, request: Request, cid: str) -> Response:
        """Update one contact's properties."""
        body = self.json_body(request)
        if not isinstance(body, dict) or set(body) - {"properties"}:
            raise self.bad('body must be {"properties": {...}}')
        props = self._validated_properties(body.get("properties"))
        if cid not in self.contacts:
            return self.error(404, f"Object not found. ({cid})")
        contact = self._store(cid, props, int(time.time() * 1000))
        return json_response(self._public(contact, None))

    def on_batch(self, request: Request) -> Response:
        """Batch update; 207 with errors when some ids are unknown."""
        body = self.json_body(request)
        inputs = body.get("inputs") if isinstance(body, dict) else None
        if not isinstance(inputs, list) or not inputs:
            raise self.bad('body must be {"inputs": [{"id", "properties"}]}')
        if len(inputs) > MAX_BATCH:
            raise self.bad(f"at most {MAX_BATCH} inputs per batch")
        results, errors = [], []
        started = now = int(time.time() * 1000)
        for item in inputs:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise self.bad(f"invalid input {item!r}")
            props = self._validated_properties(item.get("properties"))
            if item["id"] not in self.contacts:
                errors.append(
                    {
                        "status": "error",
                        "category": "OBJECT_NOT_FOUND",
                        "message": f"Could not get some CONTACT objects: {item['id']}",
                        "context": {"ids": [item["id"]]},
                    }
                )
                continue
            results.append(self._public(self._store(item["id"], props, now), None))
        answer: dict[str, Any] = {
            "status": "COMPLETE",
            "results": results,
            "startedAt": ms_to_iso(started),
            "completedAt": ms_to_iso(int(time.time() * 1000)),
        }
        if errors:
            answer["errors"] = errors
            answer["numErrors"] = len(errors)
            return json_response(answer, 207)
        return json_response(answer)

    def on_send_event(self, request: Request) -> Response:
        """Custom event send (`eventName` plus one of objectId/email/utk)."""
        body = self.json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("eventName"), str):
            raise self.bad("eventName is required")
        if not any(
            isinstance(body.get(k), str) and body.get(k) for k in ("objectId", "email", "utk")
        ):
            raise self.bad("one of objectId, email or utk is required")
        occurred = body.get("occurredAt")
        if occurred is not None and _to_ms(occurred) is None:
            raise self.bad("occurredAt must be an ISO-8601 timestamp")
        if not isinstance(body.get("properties", {}), dict):
            raise self.bad("properties must be an object")
        self.events.append(body)
        return Response(status=204)

    # -- control ----------------------------------------------------------------------------

    def control_seed(self, request: Request) -> Response:
        """Seed contacts (listed or made up in bulk)."""
        body = json.loads(request.get_data() or b"{}")
        count = 0
        now = int(time.time() * 1000)
        for item in body.get("contacts", []):
            cid = str(item.get("id") or self.next_id() + 1_000_000)
            self._store(cid, item.get("properties", {}), int(item.get("lastmodified_ms", now)))
            count += 1
        gen = body.get("bulk")
        if gen:
            start = int(gen.get("start_ms", now))
            step = int(gen.get("step_ms", 1000))
            per_step = max(1, int(gen.get("per_step", 1)))
            first = int(gen.get("first_id", 1))
            for i in range(int(gen["count"])):
                cid = str(first + i)
                props = {
                    "email": f"member{cid}@example.com",
                    "firstname": "Member",
                    "lastname": cid,
                }
                self._store(cid, props, start + (i // per_step) * step)
                count += 1
        return json_response({"seeded": count, "total": len(self.contacts)}, 201)

    def control_contact(self, request: Request, cid: str) -> Response:
        """A stored contact."""
        contact = self.contacts.get(cid)
        if contact is None:
            raise Abort(json_response({"error": "no such contact"}, 404))
        return json_response(self._public(contact, None))

    def control_events(self, request: Request) -> Response:
        """Custom events received."""
        return json_response(self.events)

    def control_webhook(self, request: Request) -> Response:
        """Send a signed v3 webhook (array of events) to the platform."""
        body = json.loads(request.get_data() or b"{}")
        url = body["url"]
        raw = json.dumps(body.get("events", [])).encode()
        timestamp = str(int(time.time() * 1000))
        signature = sign_hubspot_v3(
            "POST", body.get("request_uri", url), raw, timestamp, body["client_secret"]
        )
        sent = requests.post(
            url,
            data=raw,
            headers={
                "Content-Type": "application/json",
                "X-HubSpot-Signature-v3": signature,
                "X-HubSpot-Request-Timestamp": timestamp,
            },
            timeout=10,
        )
        return json_response({"status": sent.status_code, "body": sent.text[:2000]})
