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
    except _CONFLICTS as exc:
        raise _transient() from exc


_CONFLICTS = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)


def _transient() -> TransientConflict:
    return TransientConflict("the database broke a conflict between concurrent requests; try again")


class BaseRepository:
    """SQL on the unit of work's connection (its open transaction)."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    # The three helpers below do what ``with transient_conflicts():`` does, inline: they run
    # for every statement, and the context manager's generator cost more than the ``try``.

    def _execute(self, sql: str, params: Params = ()) -> psycopg.Cursor[Any]:
        """Run a statement; the cursor gives ``rowcount`` and any rows."""
        try:
            return self.conn.execute(sql, params)
        except _CONFLICTS as exc:
            raise _transient() from exc

    def _one(self, sql: str, params: Params = ()) -> Row | None:
        try:
            row: Row | None = self.conn.execute(sql, params).fetchone()
        except _CONFLICTS as exc:
            raise _transient() from exc
        return row

    def _all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            rows: list[Row] = self.conn.execute(sql, params).fetchall()
        except _CONFLICTS as exc:
            raise _transient() from exc
        return rows
