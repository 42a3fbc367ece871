"""Figure 5 (optional): create and availability through API Gateway on LocalStack.

Runs only when ``make run`` has written ``.run/endpoints.json``; figures are for reference,
because LocalStack adds its own gateway emulation and a Lambda container hop per request.
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

ENDPOINTS = Path(__file__).resolve().parents[1] / ".run" / "endpoints.json"


def available() -> bool:
    """Whether a ``make run`` stack has left its endpoints."""
    return ENDPOINTS.is_file()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))]


def run(iterations: int = 15) -> dict[str, Any]:
    """p50/p95 of GET /availability, POST /bookings (then cancel, to stay in the member's limits)
    and, for LocalStack's own overhead, GET /docs-free ``/_localstack/health``."""
    import requests

    ep = json.loads(ENDPOINTS.read_text())
    api = ep["api_url"].rstrip("/")
    token = ep["tokens"]["member"]
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    session = requests.Session()

    def timed(method: str, url: str, **kw: Any) -> tuple[float, requests.Response]:
        begin = time.perf_counter()
        resp = session.request(method, url, timeout=60, **kw)
        return (time.perf_counter() - begin) * 1000, resp

    _, resp = timed("GET", f"{api}/locations", headers=auth)
    resp.raise_for_status()
    body = resp.json()
    locations = body.get("locations", body) if isinstance(body, dict) else body
    location = next(loc for loc in locations if loc.get("time_zone"))
    tz = ZoneInfo(location["time_zone"])
    day = (datetime.now(tz) + timedelta(days=2)).date()
    params = {"location_id": location["id"], "date": day.isoformat(), "duration_minutes": "60"}
    timed("GET", f"{api}/availability", headers=auth, params=params)  # warm the function
    avail_ms: list[float] = []
    slots: list[dict[str, Any]] = []
    for _ in range(iterations):
        ms, resp = timed("GET", f"{api}/availability", headers=auth, params=params)
        resp.raise_for_status()
        avail_ms.append(ms)
        slots = resp.json()["slots"]
    if not slots:
        raise RuntimeError("no free slot to book on LocalStack")

    create_ms: list[float] = []
    statuses: dict[str, int] = {}
    for n in range(iterations + 1):
        slot = slots[n % len(slots)]
        payload = {"resource_id": slot["resource_id"], "start": slot["start"], "end": slot["end"]}
        headers = {**auth, "Idempotency-Key": f"bench-{uuid4().hex}"}
        ms, resp = timed("POST", f"{api}/bookings", headers=headers, json=payload)
        if n:  # the first call warms the function
            create_ms.append(ms)
            statuses[str(resp.status_code)] = statuses.get(str(resp.status_code), 0) + 1
        if resp.status_code == 201:
            booking_id = resp.json()["id"]
            timed("POST", f"{api}/bookings/{booking_id}/cancel", headers=auth, json={})

    burst = {str(n): concurrent_availability(api, auth, params, callers=n) for n in (10, 50)}

    from booking_cli import localcloud

    health = localcloud.endpoint(ep.get("localstack")) + "/_localstack/health"
    overhead_ms = [timed("GET", health)[0] for _ in range(iterations)]
    return {
        "api_url": api,
        "iterations": iterations,
        "availability_p50_ms": round(statistics.median(avail_ms), 1),
        "availability_p95_ms": round(_pct(avail_ms, 95), 1),
        "create_p50_ms": round(statistics.median(create_ms), 1),
        "create_p95_ms": round(_pct(create_ms, 95), 1),
        "create_statuses": statuses,
        "localstack_health_p50_ms": round(statistics.median(overhead_ms), 1),
        "availability_concurrent": burst,
        "measured_at": datetime.now(UTC).isoformat(),
    }


def concurrent_availability(
    api: str, headers: dict[str, str], params: dict[str, str], *, callers: int, seconds: float = 20
) -> dict[str, Any]:
    """``callers`` clients asking GET /availability in a closed loop for ``seconds``.

    The clients are threads (they only wait on sockets); the functions behind LocalStack are
    processes, at most ``LAMBDA_PROCESS_MAX_ENVIRONMENTS`` per function with the rest queued.
    """
    import threading

    import requests

    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def caller() -> None:
        session = requests.Session()
        while time.perf_counter() < stop_at:
            begin = time.perf_counter()
            try:
                status = str(
                    session.get(
                        f"{api}/availability", headers=headers, params=params, timeout=120
                    ).status_code
                )
            except requests.RequestException as exc:
                status = type(exc).__name__
            with lock:
                latencies.append((time.perf_counter() - begin) * 1000)
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=caller, daemon=True) for _ in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "callers": callers,
        "requests": len(latencies),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p95_ms": round(_pct(latencies, 95), 1) if latencies else 0.0,
        "statuses": statuses,
    }
