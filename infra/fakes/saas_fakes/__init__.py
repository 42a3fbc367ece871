"""Contract fakes of the SaaS APIs the booking platform calls (HubSpot, UniFi Access, NinjaOne,
ClubOS V3), for integration tests and local runs.

Each fake is a small threaded HTTP server that checks auth, paths and body shapes as the real API
documents them, records every call (`GET /_calls`), enforces rate limits and can be told to fail
(`POST /_faults`). Start one in-process with `FakeServer(HubSpotFake()).start()`, or all four with
`python -m saas_fakes --port-base 4700 --urls-file fakes.json`.
"""

from saas_fakes.base import FakeApp, FakeServer
from saas_fakes.clubos import ClubOSFake
from saas_fakes.hubspot import HubSpotFake
from saas_fakes.ninjaone import NinjaOneFake
from saas_fakes.unifi import UnifiAccessFake

__all__ = [
    "ClubOSFake",
    "FakeApp",
    "FakeServer",
    "HubSpotFake",
    "NinjaOneFake",
    "UnifiAccessFake",
]
