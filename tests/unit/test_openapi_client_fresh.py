"""The web apps' API client and the docs function use the OpenAPI document generated from the
routes; fail when either committed copy is stale."""

from __future__ import annotations

import json
from pathlib import Path

from booking.api.app import document
from booking_cli import openapi

COMMITTED = Path(__file__).resolve().parents[2] / "web/packages/api-client/openapi.json"


def test_committed_openapi_matches_the_routes():
    # When this fails: `make web-client` regenerates openapi.json and src/schema.d.ts.
    assert json.loads(COMMITTED.read_text()) == document()


def test_the_docs_functions_document_matches_the_routes():
    # When this fails: `make openapi` regenerates functions/docs/openapi.json.
    assert openapi.DOCUMENT.read_text() == openapi.render()
