"""Run the four fakes until stopped.

    python -m saas_fakes --port-base 4700 --urls-file .run/fakes.json --pidfile .run/fakes.pid

Ports: HubSpot `base`, UniFi `base+1`, NinjaOne `base+2`, ClubOS `base+3` (`--port-base 0`
picks free ports; `--hubspot-port` etc. override one). The URLs file holds
`{"hubspot": url, "unifi": url, "ninjaone": url, "clubos": url}` plus the test credentials.
Stop with `kill $(cat <pidfile>)` (SIGTERM); the pidfile is removed on exit.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from pathlib import Path
from types import FrameType

from saas_fakes.base import FakeApp, FakeServer
from saas_fakes.clubos import DEFAULT_EMAIL, DEFAULT_PASSWORD, ClubOSFake
from saas_fakes.hubspot import DEFAULT_TOKEN as HUBSPOT_TOKEN
from saas_fakes.hubspot import HubSpotFake
from saas_fakes.ninjaone import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, NinjaOneFake
from saas_fakes.unifi import DEFAULT_TOKEN as UNIFI_TOKEN
from saas_fakes.unifi import UnifiAccessFake

NAMES = ("hubspot", "unifi", "ninjaone", "clubos")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m saas_fakes", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port-base", type=int, default=4700)
    for name in NAMES:
        parser.add_argument(f"--{name}-port", type=int, default=None)
    parser.add_argument("--urls-file", type=Path, default=None)
    parser.add_argument("--pidfile", type=Path, default=None)
    parser.add_argument(
        "--ninjaone-require-user-context",
        action="store_true",
        help="refuse script runs with client-credential tokens (403), as reported",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Start the fakes, write the URLs file and pidfile, serve until SIGTERM/SIGINT."""
    args = _parser().parse_args(argv)
    apps: dict[str, FakeApp] = {
        "hubspot": HubSpotFake(),
        "unifi": UnifiAccessFake(),
        "ninjaone": NinjaOneFake(require_user_context=args.ninjaone_require_user_context),
        "clubos": ClubOSFake(),
    }
    servers: dict[str, FakeServer] = {}
    for offset, name in enumerate(NAMES):
        explicit = getattr(args, f"{name}_port")
        port = (
            explicit if explicit is not None else (args.port_base + offset if args.port_base else 0)
        )
        servers[name] = FakeServer(apps[name], args.host, port).start()

    info: dict[str, object] = {name: server.url for name, server in servers.items()}
    info["credentials"] = {
        "hubspot": {"token": HUBSPOT_TOKEN},
        "unifi": {"token": UNIFI_TOKEN},
        "ninjaone": {"client_id": DEFAULT_CLIENT_ID, "client_secret": DEFAULT_CLIENT_SECRET},
        "clubos": {"email": DEFAULT_EMAIL, "password": DEFAULT_PASSWORD},
    }
    text = json.dumps(info, indent=2)
    if args.urls_file:
        args.urls_file.parent.mkdir(parents=True, exist_ok=True)
        args.urls_file.write_text(text + "\n")
    if args.pidfile:
        args.pidfile.parent.mkdir(parents=True, exist_ok=True)
        args.pidfile.write_text(f"{os.getpid()}\n")
    print(text, flush=True)

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        for server in servers.values():
            server.stop()
        if args.pidfile and args.pidfile.exists():
            args.pidfile.unlink()
    return 0
