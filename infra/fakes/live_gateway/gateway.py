"""The stand-in itself: a ``websockets`` server for clients, a threaded HTTP server for the
management API, both on loopback (see the package docstring)."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

logger = logging.getLogger("live_gateway")

Invoke = Callable[[dict[str, Any]], dict[str, Any]]
"""Calls the route function with an API Gateway WebSocket event and returns its answer."""

ROUTES = ("subscribe", "unsubscribe", "ping")
"""The template's custom routes; anything else goes to ``$default``."""


def _connection_id() -> str:
    # API Gateway's ids are 12 base64 characters, often with '+', '/' or '=' in them: keep that,
    # so clients and botocore's URL encoding are exercised as in AWS.
    return base64.b64encode(os.urandom(9)).decode()[:11] + "="


def _ms() -> int:
    return int(time.time() * 1000)


class LiveGateway:
    """Serves WebSocket clients on ``ws_url`` and the management API on ``management_url``."""

    def __init__(
        self,
        invoke: Invoke,
        *,
        host: str = "127.0.0.1",
        ws_port: int = 0,
        http_port: int = 0,
        stage: str = "local",
        api_id: str = "live-local",
        routes: tuple[str, ...] = ROUTES,
    ) -> None:
        self.invoke = invoke
        self.host, self.stage, self.api_id, self.routes = host, stage, api_id, routes
        self._ws_port, self._http_port = ws_port, http_port
        self._loop = asyncio.new_event_loop()
        self._server: Server | None = None
        self._http: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self.connections: dict[str, ServerConnection] = {}
        self._meta: dict[str, dict[str, Any]] = {}
        self._ids: dict[int, str] = {}

    # --- lifecycle ------------------------------------------------------------------------

    @property
    def ws_url(self) -> str:
        """Where clients connect (``?token=...`` appended by them)."""
        return f"ws://{self.host}:{self._ws_port}"

    @property
    def management_url(self) -> str:
        """The ``@connections`` endpoint to give boto3 (``endpoint_url``), stage included."""
        return f"http://{self.host}:{self._http_port}/{self.stage}"

    def start(self) -> LiveGateway:
        """Start both servers on daemon threads; returns once they listen."""
        ready = threading.Event()

        def run_loop() -> None:
            asyncio.set_event_loop(self._loop)

            async def open_server() -> None:
                self._server = await serve(
                    self._session,
                    self.host,
                    self._ws_port,
                    process_request=self._handshake,
                    # API Gateway does not ping clients; its idle limit is 10 minutes.
                    ping_interval=None,
                )
                sock = next(iter(self._server.sockets))
                self._ws_port = sock.getsockname()[1]
                ready.set()

            self._loop.run_until_complete(open_server())
            self._loop.run_forever()

        self._http = ThreadingHTTPServer((self.host, self._http_port), self._http_handler())
        self._http.daemon_threads = True
        self._http_port = self._http.server_address[1]
        for name, target in (("live-ws", run_loop), ("live-http", self._http.serve_forever)):
            t = threading.Thread(target=target, name=name, daemon=True)
            t.start()
            self._threads.append(t)
        if not ready.wait(10):
            raise RuntimeError("the WebSocket server did not start")
        return self

    def stop(self) -> None:
        """Close every connection and both servers."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()

        async def close() -> None:
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()

        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        for t in self._threads:
            t.join(timeout=5)

    # --- the WebSocket side ---------------------------------------------------------------

    def _event(
        self, route: str, kind: str, cid: str, extra: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        meta = self._meta.get(cid, {})
        now = datetime.now(UTC)
        event: dict[str, Any] = {
            "requestContext": {
                "routeKey": route,
                "eventType": kind,
                "extendedRequestId": uuid.uuid4().hex,
                "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
                "messageDirection": "IN",
                "stage": self.stage,
                "connectedAt": meta.get("connected_at", _ms()),
                "requestTimeEpoch": _ms(),
                "identity": {
                    "sourceIp": meta.get("source_ip", "127.0.0.1"),
                    "userAgent": meta.get("user_agent", ""),
                },
                "requestId": uuid.uuid4().hex,
                "domainName": f"{self.host}:{self._ws_port}",
                "connectionId": cid,
                "apiId": self.api_id,
            },
            "isBase64Encoded": False,
        }
        event.update(extra or {})
        return event

    async def _call(self, event: dict[str, Any]) -> dict[str, Any]:
        try:
            return await asyncio.get_running_loop().run_in_executor(None, self.invoke, event)
        except Exception:
            logger.exception("route %s failed", event["requestContext"]["routeKey"])
            return {"statusCode": 500}

    async def _handshake(self, connection: ServerConnection, request: Request) -> Response | None:
        cid = _connection_id()
        parts = urlsplit(request.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        multi_query = parse_qs(parts.query)
        headers = {k: v for k, v in request.headers.raw_items()}
        self._meta[cid] = {
            "connected_at": _ms(),
            "last_active": _ms(),
            "source_ip": str(connection.remote_address[0]) if connection.remote_address else "",
            "user_agent": request.headers.get("User-Agent", ""),
        }
        answer = await self._call(
            self._event(
                "$connect",
                "CONNECT",
                cid,
                {
                    "headers": headers,
                    "multiValueHeaders": {k: [v] for k, v in headers.items()},
                    "queryStringParameters": query or None,
                    "multiValueQueryStringParameters": multi_query or None,
                },
            )
        )
        status = int(answer.get("statusCode", 200) or 200)
        if not 200 <= status < 300:
            self._meta.pop(cid, None)
            return connection.respond(HTTPStatus.FORBIDDEN, "Forbidden\n")
        self._ids[id(connection)] = cid
        return None

    async def _session(self, ws: ServerConnection) -> None:
        cid = self._ids.pop(id(ws))
        self.connections[cid] = ws
        try:
            await self._read(ws, cid)
        except ConnectionClosed:
            pass  # the client went away without a close frame: a disconnect all the same
        finally:
            self.connections.pop(cid, None)
            code = ws.close_code if ws.close_code is not None else 1006
            event = self._event("$disconnect", "DISCONNECT", cid)
            event["requestContext"]["disconnectStatusCode"] = code
            event["requestContext"]["disconnectReason"] = ws.close_reason or ""
            await self._call(event)
            self._meta.pop(cid, None)

    async def _read(self, ws: ServerConnection, cid: str) -> None:
        """Route each message on its ``action``, as ``$request.body.action`` does."""
        async for raw in ws:
            self._meta[cid]["last_active"] = _ms()
            text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
            route = "$default"
            try:
                action = json.loads(text).get("action")
                if isinstance(action, str) and action in self.routes:
                    route = action
            except (ValueError, AttributeError):
                pass
            event = self._event(route, "MESSAGE", cid, {"body": text})
            event["requestContext"]["messageId"] = uuid.uuid4().hex
            await self._call(event)

    # --- the management API ---------------------------------------------------------------

    def _send(self, cid: str, data: bytes) -> bool:
        ws = self.connections.get(cid)
        if ws is None:
            return False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            payload: str | bytes = data
        else:
            payload = text
        future = asyncio.run_coroutine_threadsafe(ws.send(payload), self._loop)
        try:
            future.result(5)
        except Exception:
            return False
        return True

    def _close(self, cid: str) -> bool:
        ws = self.connections.get(cid)
        if ws is None:
            return False
        # Not waiting for the close handshake: API Gateway answers at once too.
        asyncio.run_coroutine_threadsafe(ws.close(1000, "closed by the server"), self._loop)
        return True

    def _http_handler(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                logger.debug(format, *args)

            def _cid(self) -> str | None:
                path = urlsplit(self.path).path
                marker = "/@connections/"
                if marker not in path:
                    return None
                # botocore URL-encodes the id ('=' -> %3D, '+' -> %2B).
                return unquote(path.split(marker, 1)[1])

            def _answer(self, status: int, body: Any = None, gone: bool = False) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if gone:
                    self.send_header("x-amzn-ErrorType", "GoneException")
                self.end_headers()
                self.wfile.write(data)

            def _gone(self) -> None:
                self._answer(HTTPStatus.GONE, {"message": None}, gone=True)

            def do_POST(self) -> None:
                cid = self._cid()
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if cid is None:
                    self._answer(HTTPStatus.NOT_FOUND, {"message": "Not Found"})
                elif len(data) > 128 * 1024:
                    self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"message": "too large"})
                elif gateway._send(cid, data):
                    self._answer(HTTPStatus.OK)
                else:
                    self._gone()

            def do_GET(self) -> None:
                cid = self._cid()
                meta = gateway._meta.get(cid or "")
                if cid is None or cid not in gateway.connections or meta is None:
                    self._gone()
                    return

                def iso(ms: int) -> str:
                    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()

                self._answer(
                    HTTPStatus.OK,
                    {
                        "connectedAt": iso(meta["connected_at"]),
                        "lastActiveAt": iso(meta["last_active"]),
                        "identity": {
                            "sourceIp": meta["source_ip"],
                            "userAgent": meta["user_agent"],
                        },
                    },
                )

            def do_DELETE(self) -> None:
                cid = self._cid()
                if cid is not None and gateway._close(cid):
                    self._answer(HTTPStatus.NO_CONTENT)
                else:
                    self._gone()

        return Handler


def invoke_in_localstack(
    function_name: str | Callable[[], str], endpoint_url: str, region: str = "us-east-1"
) -> Invoke:
    """An ``Invoke`` that calls a deployed function in LocalStack (its name resolved lazily)."""
    from botocore.config import Config

    from booking_cli import localcloud

    client = localcloud.client(
        "lambda",
        endpoint_url,
        region,
        config=Config(read_timeout=30, retries={"max_attempts": 1}),
    )
    names: list[str] = []

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        if not names:
            names.append(function_name() if callable(function_name) else function_name)
        reply = client.invoke(FunctionName=names[0], Payload=json.dumps(event).encode())
        payload = reply["Payload"].read()
        if reply.get("FunctionError"):
            logger.error("function error: %s", payload[:500])
            return {"statusCode": 500}
        answer = json.loads(payload or b"{}")
        return answer if isinstance(answer, dict) else {"statusCode": 200}

    return invoke
