"""Load-test members: created in the target's database with credits, and a token each.

Each virtual user books as a member of its own, so the member rules (two upcoming bookings,
weekly hours) refuse no more than they would with real members. Members are made once per
database (``loadtest-<n>@load.example.com``) and reused by later runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg

CREDITS = 100_000


def ensure_members(database_url: str, count: int) -> list[tuple[str, str]]:
    """(user id, e-mail) of ``count`` load-test members, creating those that are missing."""
    emails = [f"loadtest-{n}@load.example.com" for n in range(count)]
    with psycopg.connect(database_url) as conn:
        created = conn.execute(
            "INSERT INTO users (email, name, tier)"
            " SELECT e, 'Load ' || split_part(e, '@', 1), 'standard' FROM unnest(%s::text[]) e"
            " ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
            (emails,),
        ).fetchall()
        if created:
            conn.execute(
                "INSERT INTO credit_ledger (user_id, delta, reason, note)"
                " SELECT u, %s, 'grant', 'load test' FROM unnest(%s::uuid[]) u",
                (CREDITS, [r[0] for r in created]),
            )
        rows = conn.execute(
            "SELECT id::text, email FROM users WHERE email = ANY(%s) ORDER BY email", (emails,)
        ).fetchall()
    return [(r[0], r[1]) for r in rows]


def write_members_file(path: Path, database_url: str, count: int, jwt_secret: str) -> Path:
    """The file ``LOADTEST_MEMBERS`` names: a token per member, signed with ``jwt_secret``."""
    from booking.api.auth import issue_token

    members = [
        {
            "user_id": user_id,
            "token": issue_token(
                role="member", sub=user_id, secret=jwt_secret, email=email, ttl_seconds=6 * 3600
            ),
        }
        for user_id, email in ensure_members(database_url, count)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"members": members}))
    path.chmod(0o600)
    return path
