"""Lazily opened PostgreSQL connections, one per thread, re-opened when they drop.

Inside Lambda there is one thread, so this is one connection kept warm between invocations; in
tests and benchmarks each thread gets its own. No pool (Lambda runs one request at a time).

Server-side prepared statements save about a third of a booking's database time on a direct
connection, but pin sessions behind RDS Proxy and break behind PgBouncer's transaction mode:
``DATABASE_PREPARED_STATEMENTS=false`` turns them off (the template does so unless told the
database is reached directly).

Every session is opened with ``statement_timeout``, ``lock_timeout`` and
``idle_in_transaction_session_timeout`` below the function's own timeout (``SessionLimits``),
so a request waiting on a locked row or a runaway query fails with an error the API answers
(503, retry) instead of the function being killed mid-transaction.

A connection the server dropped while the execution environment was frozen (a restart, an
administrator's ``pg_terminate_backend``, a failover) is noticed before the request's first
statement - the server's goodbye is waiting on the idle socket - and replaced once.
"""

from __future__ import annotations

import os
import select
import threading
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row


def _env_ms(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() else default


@dataclass(frozen=True)
class SessionLimits:
    """Server-side time limits of every session, in milliseconds (0 disables one).

    Defaults sit well below the API functions' 15 s timeout: a statement may run 5 s, a lock
    may be waited for 3 s, and a transaction left open by a frozen or crashed process is ended
    by the server after 10 s (its locks released).
    """

    statement_timeout_ms: int = 5000
    lock_timeout_ms: int = 3000
    idle_in_transaction_timeout_ms: int = 10000

    @classmethod
    def from_env(cls) -> SessionLimits:
        """``DATABASE_STATEMENT_TIMEOUT_MS``, ``DATABASE_LOCK_TIMEOUT_MS`` and
        ``DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS``, each falling back to its default."""
        return cls(
            statement_timeout_ms=_env_ms("DATABASE_STATEMENT_TIMEOUT_MS", 5000),
            lock_timeout_ms=_env_ms("DATABASE_LOCK_TIMEOUT_MS", 3000),
            idle_in_transaction_timeout_ms=_env_ms(
                "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 10000
            ),
        )

    def options(self) -> str:
        """The libpq ``options`` startup parameter that sets them (no extra round trip)."""
        return (
            f"-c statement_timeout={self.statement_timeout_ms}"
            f" -c lock_timeout={self.lock_timeout_ms}"
            f" -c idle_in_transaction_session_timeout={self.idle_in_transaction_timeout_ms}"
        )


def connect(url: str, *, limits: SessionLimits | None = None, **kwargs: Any) -> Any:
    """``psycopg.connect`` with the session limits applied (``connect_timeout`` 5 s unless
    given)."""
    kwargs.setdefault("connect_timeout", 5)
    return psycopg.connect(url, options=(limits or SessionLimits.from_env()).options(), **kwargs)


def dropped(conn: psycopg.Connection[Any]) -> bool:
    """Whether a connection was closed by the server while nobody was using it.

    A session between statements (idle, or idle in a transaction someone left open) receives
    nothing unless the server is ending it (the FATAL message of a terminate, a shutdown or
    the idle-in-transaction timeout, then EOF), so anything readable means it is gone.
    A zero-timeout ``select``: no round trip.
    """
    if conn.closed or conn.broken:
        return True
    if conn.info.transaction_status == psycopg.pq.TransactionStatus.ACTIVE:
        return False  # a statement is running: its reply is what may be waiting
    try:
        readable, _, _ = select.select([conn.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


class Database:
    """Hands out this thread's connection, opening (or re-opening) it on demand."""

    def __init__(
        self,
        url: str,
        *,
        connect_timeout: int = 5,
        application_name: str = "booking",
        prepared_statements: bool | None = None,
        limits: SessionLimits | None = None,
    ):
        self.url = url
        self.limits = limits or SessionLimits.from_env()
        if prepared_statements is None:
            flag = os.environ.get("DATABASE_PREPARED_STATEMENTS", "true").strip().lower()
            prepared_statements = flag not in ("false", "0", "no", "off")
        # psycopg prepares a statement after its fifth use on a connection.
        self._prepare_threshold: int | None = 5 if prepared_statements else None
        self._connect_timeout = connect_timeout
        self._application_name = application_name
        self._local = threading.local()

    def connection(self) -> psycopg.Connection[dict[str, object]]:
        """This thread's open connection; a closed, broken or dropped one is replaced (once,
        before any statement of the caller ran on it), never retried blind."""
        conn: psycopg.Connection[dict[str, object]] | None = getattr(self._local, "conn", None)
        if conn is None or dropped(conn):
            if conn is not None:
                self._local.conn = None
                conn.close()
            conn = connect(
                self.url,
                limits=self.limits,
                row_factory=dict_row,
                prepare_threshold=self._prepare_threshold,
                connect_timeout=self._connect_timeout,
                application_name=self._application_name,
            )
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection, if any."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
