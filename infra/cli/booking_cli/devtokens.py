"""Development tokens, e.g. ``python -m booking_cli.devtokens --role member``.

Signs HS256 tokens with ``JWT_SECRET`` (or the secret ``make run`` wrote to ``.run/jwt_secret``).
A member token's ``sub`` is the member's user id, looked up by e-mail in ``DATABASE_URL``.
Staff and kiosk tokens name their locations (``--locations``, ids or slugs; ``*`` for HQ staff);
admin tokens carry the wildcard.
"""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import ALL_LOCATIONS, issue_token

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


def _location_ids(names: list[str], database_url: str) -> list[str]:
    """Location ids for ids or slugs (the first location by slug when ``names`` is empty)."""
    db = Database(database_url)
    uow = PostgresUnitOfWork(db)
    with uow:
        known = sorted(uow.locations.list(), key=lambda loc: loc.slug)
    db.close()
    if not known:
        raise SystemExit("no locations in the database: run `make seed` first")
    if not names:
        return [str(known[0].id)]
    by_name = {loc.slug: loc for loc in known} | {str(loc.id): loc for loc in known}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise SystemExit(f"no location with id or slug {', '.join(missing)}")
    return [str(by_name[n].id) for n in names]


def token_for(
    role: str,
    user: str | None,
    *,
    secret: str,
    database_url: str | None,
    locations: list[str] | None = None,
) -> str:
    """A token for ``role``; members are looked up by e-mail to put their id in ``sub``.

    Staff and kiosk tokens are scoped: to ``locations`` (ids or slugs; ``["*"]`` makes HQ staff),
    by default to the first location by slug. Admin tokens carry the explicit wildcard.
    """
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
    scope: list[str] | None = None
    if role == "admin":
        scope = [ALL_LOCATIONS]
    elif role in ("staff", "kiosk"):
        wanted = locations or []
        if wanted == [ALL_LOCATIONS] and role == "staff":
            scope = wanted
        else:
            if not database_url:
                raise SystemExit("DATABASE_URL is needed to look the locations up")
            scope = _location_ids(wanted, database_url)
    return issue_token(role=role, sub=sub, secret=secret, email=sub, locations=scope)


def main() -> None:
    """Print one token."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--role",
        default="member",
        choices=["member", "member2", "staff", "admin", "kiosk", "service"],
    )
    parser.add_argument("--user", default=None, help="member e-mail (members) or subject")
    parser.add_argument(
        "--locations",
        default="",
        help="staff and kiosk: comma-separated location ids or slugs ('*' for HQ staff); "
        "default: the first location by slug",
    )
    parser.add_argument("--create-secret", action="store_true")
    args = parser.parse_args()
    print(
        token_for(
            args.role,
            args.user,
            secret=local_secret(args.create_secret),
            database_url=os.environ.get("DATABASE_URL"),
            locations=[x.strip() for x in args.locations.split(",") if x.strip()],
        )
    )


if __name__ == "__main__":
    main()
