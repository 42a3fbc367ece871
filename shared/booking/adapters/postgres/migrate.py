"""Apply the ordered SQL migrations in ``infra/db/migrations`` exactly once each.

Every file is applied in its own transaction together with its row in ``schema_migrations``,
under an advisory lock, so two processes migrating at once never apply a file twice.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

_LOCK_KEY = 7_314_159  # arbitrary, fixed: serialises concurrent migrators

DEFAULT_MIGRATIONS_DIR = Path(__file__).resolve().parents[4] / "infra" / "db" / "migrations"


def migration_files(directory: Path = DEFAULT_MIGRATIONS_DIR) -> list[Path]:
    """Return the migration files in the order they are applied (by file name)."""
    return sorted(p for p in directory.glob("*.sql") if p.is_file())


def ensure_database(database_url: str) -> bool:
    """Create the URL's database when it does not exist yet; True if it was created.

    Connects to the server's ``postgres`` database to do so; a clear ``OperationalError``
    surfaces when no server is reachable.
    """
    params = conninfo_to_dict(database_url)
    name = params.get("dbname")
    if not name:
        return False
    admin = make_conninfo(**{**params, "dbname": "postgres"})  # type: ignore[arg-type]
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(str(name))))
    return True


def migrate(database_url: str, directory: Path = DEFAULT_MIGRATIONS_DIR) -> list[str]:
    """Apply pending migrations and return the names of those applied now."""
    applied_now: list[str] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            done = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
            for path in migration_files(directory):
                if path.name in done:
                    continue
                with conn.transaction():
                    conn.execute(path.read_text())
                    conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (path.name,))
                applied_now.append(path.name)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
    return applied_now


def main() -> None:
    """Command line: ``python -m booking.adapters.postgres.migrate [--database-url URL]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--dir", type=Path, default=DEFAULT_MIGRATIONS_DIR)
    parser.add_argument("--create", action="store_true", help="create the database if missing")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("DATABASE_URL is not set")
    try:
        if args.create and ensure_database(args.database_url):
            print("created database")
    except psycopg.OperationalError as exc:
        raise SystemExit(f"PostgreSQL is not reachable ({exc}); set DATABASE_URL") from exc
    names = migrate(args.database_url, args.dir)
    print(f"applied {len(names)} migration(s)" + (": " + ", ".join(names) if names else ""))


if __name__ == "__main__":
    main()
