"""The base of every repository: one connection, deadlocks turned into ``TransientConflict``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from booking.domain.errors import TransientConflict

Row = dict[str, Any]
Conn = psycopg.Connection[Any]
Params = Sequence[Any] | dict[str, Any]


@contextmanager
def transient_conflicts() -> Iterator[None]:
    """Turn PostgreSQL breaking a deadlock or a serialisation conflict into ``TransientConflict``.

    Either means "another transaction won; the same request again will likely pass", which the
    API answers with a retryable 409 and consumers leave to their retry policy.
    """
    try:
        yield
    except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
        raise TransientConflict(
            "the database broke a conflict between concurrent requests; try again"
        ) from exc


class BaseRepository:
    """SQL on the unit of work's connection (its open transaction)."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    def _execute(self, sql: str, params: Params = ()) -> psycopg.Cursor[Any]:
        """Run a statement; the cursor gives ``rowcount`` and any rows."""
        with transient_conflicts():
            return self.conn.execute(sql, params)

    def _one(self, sql: str, params: Params = ()) -> Row | None:
        with transient_conflicts():
            row: Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, params: Params = ()) -> list[Row]:
        with transient_conflicts():
            rows: list[Row] = self.conn.execute(sql, params).fetchall()
        return rows
