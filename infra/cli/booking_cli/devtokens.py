"""Development tokens, e.g. ``python -m booking_cli.devtokens --role member``.

Signs HS256 tokens with ``JWT_SECRET`` (or the secret ``make run`` wrote to ``.run/jwt_secret``).
A member token's ``sub`` is the member's user id, looked up by e-mail in ``DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import issue_token

SECRET_FILE = Path(".run") / "jwt_secret"
DEFAULT_USERS = {"member": "alice@example.com", "member2": "bob@example.com"}


def local_secret(create: bool = False) -> str:
    """``JWT_SECRET``, else the local secret file (created with a random value if asked)."""
    if os.environ.get("JWT_SECRET"):
        return os.environ["JWT_SECRET"]
    if SECRET_FILE.exists():
        return SECRET_FILE.read_text().strip()
    if not create:
        raise SystemExit("no JWT_SECRET and no .run/jwt_secret: run `make run` first")
    SECRET_FILE.parent.mkdir(exist_ok=True)
    value = secrets.token_urlsafe(32)
    SECRET_FILE.write_text(value)
    SECRET_FILE.chmod(0o600)
    return value


def token_for(role: str, user: str | None, *, secret: str, database_url: str | None) -> str:
    """A token for ``role``; members are looked up by e-mail to put their id in ``sub``."""
    if role in ("member", "member2"):
        email = user if user and "@" in user else DEFAULT_USERS[role]
        if not database_url:
            raise SystemExit("DATABASE_URL is needed to look the member up")
        db = Database(database_url)
        uow = PostgresUnitOfWork(db)
        with uow:
            found = uow.users.by_email(email)
        db.close()
        if found is None:
            raise SystemExit(f"no member with e-mail {email}")
        return issue_token(role="member", sub=str(found.id), secret=secret, email=found.email)
    sub = user if user and "@" in user else f"{role}@example.com"
    return issue_token(role=role, sub=sub, secret=secret, email=sub)


def main() -> None:
    """Print one token."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--role",
        default="member",
        choices=["member", "member2", "staff", "admin", "kiosk", "service"],
    )
    parser.add_argument("--user", default=None, help="member e-mail (members) or subject")
    parser.add_argument("--create-secret", action="store_true")
    args = parser.parse_args()
    print(
        token_for(
            args.role,
            args.user,
            secret=local_secret(args.create_secret),
            database_url=os.environ.get("DATABASE_URL"),
        )
    )


if __name__ == "__main__":
    main()
