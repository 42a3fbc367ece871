"""The web apps' API client is generated from the OpenAPI document; fail when it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from booking.api.app import document

COMMITTED = Path(__file__).resolve().parents[2] / "web/packages/api-client/openapi.json"


def test_committed_openapi_matches_the_routes():
    # When this fails: `make web-client` regenerates openapi.json and src/schema.d.ts.
    assert json.loads(COMMITTED.read_text()) == document()
