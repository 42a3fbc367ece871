"""Print the API's OpenAPI document, built in-process from the routers (no server needed).

Usage: python web/packages/api-client/scripts/dump_openapi.py > web/packages/api-client/openapi.json
"""

from __future__ import annotations

import json
import sys

from booking.api.app import document


def main() -> None:
    """Write the document as stable, sorted JSON to stdout."""
    json.dump(document(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
