"""Browser tests of the web apps: Playwright driving Debian's Chromium against the e2e stack.

Fixtures (on top of ``tests/e2e/conftest.py``'s ``stack``, ``fakes`` and ``tokens``):

* ``web_apps`` - the built apps uploaded to the stack's S3 website buckets with a
  ``config.json`` for it (its API, local sign-in and the WebSocket stand-in's URL):
  ``{"customer": url, "admin": url, "kiosk": url}``;
* ``browser`` - one headless Chromium per session (``/usr/lib/chromium/chromium-headless-shell``);
* ``phone`` - a new 390x844 browser context per test (``phone.new_page()``), closed after it;
* ``sign_in(page, app_url, email)`` - signs in through the app's own sign-in form;
* ``check_a11y(page)`` - axe-core (from web/node_modules) finds no serious or critical issue;
* ``shot(page, name)`` - a screenshot in ``test-output/web/`` (gitignored) to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import localcloud
import pytest

from booking_cli import web_apps as web_deploy

ROOT = Path(__file__).resolve().parents[3]
OUTPUT = ROOT / "test-output" / "web"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = [
    Path(os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium-headless-shell")),
    Path("/usr/lib/chromium/chromium"),
]
# Chromium must not try the network it doesn't have.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.e2e


def _built() -> bool:
    return all(
        (ROOT / "web" / "apps" / app / "dist" / "index.html").is_file() for app in web_deploy.APPS
    )


@pytest.fixture(scope="session")
def web_apps_urls(stack: dict[str, Any]) -> dict[str, str]:
    """The apps uploaded to the stack's buckets (built first if ``make web-build`` wasn't run)."""
    if not _built():
        subprocess.run(["make", "--no-print-directory", "web-build"], cwd=ROOT, check=True)
    return web_deploy.deploy(
        localcloud.client("s3"),
        stack["endpoint"],
        stack["outputs"],
        stack["api_url"],
        stack["parameters"]["Stage"],
        stack["live_ws_url"],
    )


@pytest.fixture(scope="session")
def web_apps(web_apps_urls: dict[str, str]) -> dict[str, str]:
    """``{"customer", "admin", "kiosk"}`` -> the app's URL on the e2e stack."""
    return web_apps_urls


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from Debian (installed by ``make web-browser`` when missing)."""
    from playwright import sync_api  # a dev dependency: missing it is an error, not a skip

    executable = next((p for p in CHROMIUM if p.exists()), None)
    if executable is None:
        subprocess.run(["bash", str(ROOT / "web" / "scripts" / "ensure-chromium.sh")], check=True)
        executable = next(p for p in CHROMIUM if p.exists())
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh phone-sized context (own storage, service workers allowed); closed after the test."""
    context = browser.new_context(viewport=PHONE, service_workers="allow", locale="en-CA")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def sign_in(stack: dict[str, Any]) -> Callable[[Any, str, str], None]:
    """Sign in through the app's form (the local sign-in, as a person would)."""
    password = stack["parameters"]["LocalSignInPassword"]

    def _sign_in(page: Any, app_url: str, email: str) -> None:
        if "/sign-in" not in page.url:
            page.goto(app_url)
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/sign-in" not in url)

    return _sign_in


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[Any]:
    """axe-core's violations of ``impacts`` on the page as it is now (WCAG 2.1 A/AA rules)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        """async () => await window.axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [v for v in result["violations"] if v.get("impact") in impacts]


@pytest.fixture(scope="session")
def check_a11y() -> Callable[[Any], None]:
    """Assert axe-core finds no serious or critical violation on the page."""

    def _check(page: Any) -> None:
        found = axe_violations(page)
        summary = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in found
        ]
        assert not found, json.dumps(summary, indent=1)

    return _check


@pytest.fixture(scope="session")
def shot() -> Callable[[Any, str], Path]:
    """Save a screenshot of the page's viewport as ``test-output/web/<name>.png``."""
    OUTPUT.mkdir(parents=True, exist_ok=True)

    def _shot(page: Any, name: str) -> Path:
        path = OUTPUT / f"{name}.png"
        # From the top: a sticky header scrolled with the page lands mid-picture otherwise.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot
