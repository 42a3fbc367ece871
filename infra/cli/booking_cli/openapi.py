"""Write the API's OpenAPI document for the docs function: ``python -m booking_cli.openapi``.

The document is built from every route and model (``booking.api.app.document``), which takes
most of a second; the docs function serves this file instead of building it at cold start.
``make openapi`` runs this after an API change; a unit test fails while the file is stale.
``--check`` exits 1 when the file differs from the routes, without writing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from booking.api.app import document

DOCUMENT = Path(__file__).resolve().parents[3] / "functions" / "docs" / "openapi.json"
"""Where the docs function reads the document (its own folder, packaged with it)."""


def render() -> str:
    """The document as the file holds it: the generator's key order, indented for review."""
    return json.dumps(document(), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the docs function's document."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
            print(f"{DOCUMENT} is stale: run `make openapi`", file=sys.stderr)
            return 1
        return 0
    DOCUMENT.write_text(text)
    print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
