"""`python -m live_gateway`: run the WebSocket stand-in (see `live_gateway.cli`)."""

from live_gateway.cli import main

raise SystemExit(main())
