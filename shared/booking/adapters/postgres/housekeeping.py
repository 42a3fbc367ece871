"""Deleting what the platform no longer needs to remember."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg


def purge_processed_events(conn: psycopg.Connection[Any], before: datetime) -> int:
    """Delete consumers' idempotency marks recorded before ``before``; return how many."""
    cur = conn.execute("DELETE FROM processed_events WHERE processed_at < %s", (before,))
    return cur.rowcount
