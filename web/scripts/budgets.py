"""Print the customer app's budgets: first-load JavaScript (gzipped) and, on the stack `make run`
brought up, the time to the first availability grid and to a booking's confirmation (medians of
5, measured in Debian's headless Chromium at phone size).

Budgets: JS <= 150 kB gzipped; grid <= 1.5 s after navigation; confirmation <= 1 s after the tap.
Usage: make web-budgets (after make run; without a running stack only the size is printed).
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "apps" / "customer" / "dist"
RUNS = 5
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]


def first_load_js_kb() -> float:
    """Gzipped size of the scripts index.html loads (lazy chunks such as OIDC excluded)."""
    html = (DIST / "index.html").read_text()
    scripts = re.findall(r'<script[^>]+src="/([^"]+\.js)"', html)
    scripts += re.findall(r'<link rel="modulepreload"[^>]+href="/([^"]+\.js)"', html)
    return sum(len(gzip.compress((DIST / s).read_bytes(), 9)) for s in set(scripts)) / 1000


FLOOR_JS = """async ([api, day]) => {
    const s = JSON.parse(localStorage.getItem("booking.session"));
    const headers = {Authorization: `Bearer ${s.token}`};
    const t0 = performance.now();
    const locs = await (await fetch(`${api}/locations`, {headers})).json();
    const id = locs.locations[0].id;
    await (await fetch(`${api}/availability?location_id=${id}&date=${day}&duration_minutes=60`,
                       {headers})).json();
    return (performance.now() - t0) / 1000;
}"""


def timings(
    app_url: str, api_url: str, password: str
) -> tuple[list[float], list[float], list[float]]:
    """(time to grid, time to confirmation, floor) of RUNS bookings, a fresh session each.

    The floor is the same page's two API calls the grid needs (locations, then availability),
    made bare with fetch: what the app adds on top of the API is the grid time minus the floor.
    """
    from playwright.sync_api import sync_playwright

    grid, confirm, floor = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for run in range(RUNS):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.goto(app_url)
            page.get_by_label("E-mail").fill("dave@example.com")
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("heading", name="Book a bay").wait_for()
            day = (datetime.now(UTC) + timedelta(days=3 + run)).date().isoformat()
            floor.append(page.evaluate(FLOOR_JS, [api_url, day]))
            started = time.perf_counter()
            page.goto(app_url)
            page.get_by_role("list", name="Free times").wait_for()
            grid.append(time.perf_counter() - started)
            page.get_by_label("Date").fill(day)
            page.get_by_role("list", name="Free times").get_by_role("button").first.click()
            started = time.perf_counter()
            page.get_by_role("button", name="Book", exact=True).click()
            page.get_by_text("Booked!").wait_for()
            confirm.append(time.perf_counter() - started)
            # Cancel it again, so any number of runs stays inside the member's booking limits.
            href = page.get_by_role("link", name="See the booking").get_attribute("href") or ""
            status = page.evaluate(
                """async ([api, id]) => {
                    const s = JSON.parse(localStorage.getItem("booking.session"));
                    const r = await fetch(`${api}/bookings/${id}/cancel`, {
                        method: "POST",
                        headers: {Authorization: `Bearer ${s.token}`,
                                  "Content-Type": "application/json"},
                        body: JSON.stringify({reason: "budget run"}),
                    });
                    return r.status;
                }""",
                [api_url, href.rstrip("/").split("/")[-1]],
            )
            assert status == 200, f"cancelling the measured booking answered {status}"
            context.close()
        browser.close()
    return grid, confirm, floor


def main() -> int:
    """Print the table."""
    size = first_load_js_kb()
    rows = [("customer JS, first load (gzip)", f"{size:.1f} kB", "150 kB", size <= 150)]
    endpoints = ROOT / ".run" / "endpoints.json"
    if endpoints.exists() and "apps" in json.loads(endpoints.read_text()):
        data = json.loads(endpoints.read_text())
        password = data.get("local_sign_in_password", "golf-local")
        grid, confirm, floor = timings(data["apps"]["customer"], data["api_url"], password)
        g, c, f = statistics.median(grid), statistics.median(confirm), statistics.median(floor)
        rows.append(("floor: its two API calls, bare (median of 5)", f"{f:.2f} s", "-", True))
        rows.append(("first grid after navigation (median of 5)", f"{g:.2f} s", "1.5 s", g <= 1.5))
        rows.append(("booking confirmed after tap (median of 5)", f"{c:.2f} s", "1 s", c <= 1.0))
    else:
        print("(no running stack in .run/endpoints.json: run `make run` for the timings)")
    print("| budget | measured | limit | met |\n| --- | --- | --- | --- |")
    for name, value, limit, met in rows:
        print(f"| {name} | {value} | {limit} | {'yes' if met else 'NO'} |")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
