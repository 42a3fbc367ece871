"""A PostgreSQL persistence layer for AWS Lambda Powertools' idempotency utility.

It mirrors Powertools' DynamoDB layer on the table created by
``infra/db/migrations/0100_idempotency.sql``:

* ``_put_record`` is one ``INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE`` statement: it writes
  when the key is new, or replaces a row only when that row is expired (``expiry_timestamp`` in
  the past) or is an ``INPROGRESS`` row whose ``in_progress_expiry_timestamp`` (epoch ms, the
  Lambda timeout of the invocation that wrote it) has passed. The primary key makes concurrent
  first writes race-safe: exactly one wins, the others see the winner's committed row.
* When nothing was written it reads the existing row, validates the payload hash against it and
  raises ``IdempotencyItemAlreadyExistsError(old_data_record=...)``, as DynamoDB does with
  ``ReturnValuesOnConditionCheckFailure``.
* Like the DynamoDB layer, "now" is the Lambda's clock (Powertools computes every expiry from
  it), not the database's.

Idempotency records have to be visible to other invocations immediately, independent of any
business transaction, so every record operation is one statement committed on its own. The
connection comes from one of two places:

* ``connection``: the execution environment's own connection (the unit of work's), asked for on
  every operation and never closed here. This is what the functions use: one connection per
  environment, so a fleet of environments needs no more PostgreSQL sessions than environments.
  Record operations run between business transactions (Powertools writes the in-progress
  record before the function runs, and completes or deletes it after the function returned or
  raised, by when its unit of work has committed or rolled back): each statement runs in
  autocommit (a client-side switch, no round trip) and the connection is handed back as it
  came. Called while a transaction is open on that connection, the operation is refused
  rather than written into a transaction that may still roll back.
* ``connection_factory``: a connection of the layer's own, which must be in autocommit mode;
  opened on first use, reused while the environment is warm, and closed and dropped when it
  breaks so the next call opens a fresh one.

Statements are never prepared server-side (RDS Proxy pins prepared-statement sessions).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import (
    STATUS_CONSTANTS,
    DataRecord,
)
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.rows import tuple_row

from booking.adapters.postgres.connection import dropped

logger = logging.getLogger(__name__)

DEFAULT_TABLE = "idempotency_record"

ConnectionFactory = Callable[[], "psycopg.Connection[Any]"]

_COLUMNS = sql.SQL("id, expiry_timestamp, in_progress_expiry_timestamp, status, data, validation")


class TransactionOpenError(RuntimeError):
    """A record operation was asked for while a transaction is open on the shared connection."""


class PostgresPersistenceLayer(BasePersistenceLayer):
    """Powertools idempotency records in a PostgreSQL table.

    Example::

        database = Database(url)
        persistence = PostgresPersistenceLayer(connection=database.connection)
        # or, with a connection of its own:
        persistence = PostgresPersistenceLayer(
            connection_factory=lambda: psycopg.connect(url, autocommit=True, prepare_threshold=None)
        )

        @idempotent(persistence_store=persistence, config=IdempotencyConfig(...))
        def handler(event, context): ...
    """

    def __init__(
        self,
        connection_factory: ConnectionFactory | None = None,
        table_name: str = DEFAULT_TABLE,
        *,
        connection: ConnectionFactory | None = None,
    ) -> None:
        """Store the factory or the shared connection's source (exactly one of them); no
        connection is opened until the first record operation.

        ``table_name`` may be schema-qualified (``"ops.idempotency_record"``).
        """
        if (connection_factory is None) == (connection is None):
            raise ValueError("give either connection_factory or connection")
        super().__init__()
        self._connection_factory = connection_factory
        self._shared = connection
        self._table = sql.Identifier(*table_name.split("."))
        self._conn: psycopg.Connection[Any] | None = None
        # Lambda runs one invocation at a time, but tests and local servers share a layer
        # between threads: only one of them may open the connection.
        self._conn_lock = threading.Lock()
        # Each statement's text, rendered once: a Composed query is rendered again on every
        # execute otherwise (keyed by the statement object, which lives as long as the layer).
        self._rendered: dict[int, bytes] = {}
        self._build_statements()

    def _build_statements(self) -> None:
        self._rendered = {}
        table = self._table
        self._select_sql = sql.SQL("SELECT {cols} FROM {table} WHERE id = %(id)s").format(
            cols=_COLUMNS, table=table
        )
        self._put_sql = sql.SQL(
            "INSERT INTO {table} AS r"
            " (id, expiry_timestamp, in_progress_expiry_timestamp, status, data, validation)"
            " VALUES (%(id)s, %(expiry)s, %(in_progress_expiry)s, %(status)s, NULL, %(validation)s)"
            " ON CONFLICT (id) DO UPDATE SET"
            "  expiry_timestamp = EXCLUDED.expiry_timestamp,"
            "  in_progress_expiry_timestamp = EXCLUDED.in_progress_expiry_timestamp,"
            "  status = EXCLUDED.status,"
            "  data = NULL,"
            "  validation = EXCLUDED.validation"
            # Replace only what the DynamoDB layer's condition expression would replace.
            " WHERE r.expiry_timestamp < %(now)s"
            "  OR (r.status = %(inprogress)s"
            "      AND r.in_progress_expiry_timestamp IS NOT NULL"
            "      AND r.in_progress_expiry_timestamp < %(now_ms)s)"
            " RETURNING id"
        ).format(table=table)
        # DynamoDB's update_item creates a missing item; the upsert keeps that behaviour when a
        # record vanished (housekeeping) while the function ran.
        update_head = sql.SQL(
            "INSERT INTO {table} AS r (id, expiry_timestamp, status, data, validation)"
            " VALUES (%(id)s, %(expiry)s, %(status)s, %(data)s, %(validation)s)"
            " ON CONFLICT (id) DO UPDATE SET"
            "  expiry_timestamp = EXCLUDED.expiry_timestamp,"
            "  status = EXCLUDED.status,"
            "  data = EXCLUDED.data"
        ).format(table=table)
        self._update_sql = update_head
        self._update_with_validation_sql = update_head + sql.SQL(
            ", validation = EXCLUDED.validation"
        )
        self._delete_sql = sql.SQL("DELETE FROM {table} WHERE id = %(id)s").format(table=table)
        self._purge_sql = sql.SQL(
            "DELETE FROM {table} WHERE expiry_timestamp < %(now)s RETURNING id"
        ).format(table=table)

    # -- connection -------------------------------------------------------------------------

    @property
    def shares_connection(self) -> bool:
        """Whether records are written on a connection the layer was handed (not its own)."""
        return self._shared is not None

    def _connection(self) -> psycopg.Connection[Any]:
        if self._shared is not None:
            return self._shared()
        assert self._connection_factory is not None
        with self._conn_lock:
            conn = self._conn
            if conn is not None and dropped(conn):
                # The server ended the session while the environment was idle: open a new
                # one before the first statement instead of failing the request on it.
                conn.close()
                conn = self._conn = None
            if conn is None:
                conn = self._connection_factory()
                if not conn.autocommit:
                    conn.close()
                    raise ValueError("the idempotency connection factory must return autocommit")
                self._conn = conn
            return conn

    def _discard(self, conn: psycopg.Connection[Any]) -> None:
        with self._conn_lock:
            if self._conn is conn:
                self._conn = None
        conn.close()

    def _execute(self, query: sql.Composed, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        if self._shared is not None:
            conn = self._shared()
            return self._execute_shared(conn, self._render(query, conn), params)
        conn = self._connection()
        try:
            with conn.cursor(row_factory=tuple_row) as cur:
                cur.execute(self._render(query, conn), params, prepare=False)
                return cur.fetchall() if cur.description is not None else []
        except psycopg.Error:
            # A dropped connection is replaced on the next call rather than retried here: the
            # caller (Powertools, then Lambda) decides whether the operation is retried.
            if conn.broken or conn.closed:
                self._discard(conn)
            raise

    def _render(self, query: sql.Composed, conn: psycopg.Connection[Any]) -> bytes:
        text = self._rendered.get(id(query))
        if text is None:
            text = self._rendered[id(query)] = query.as_bytes(conn)
        return text

    @staticmethod
    def _execute_shared(
        conn: psycopg.Connection[Any], query: bytes, params: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        """One statement committed on its own on the environment's connection, which is left
        as it was found (its autocommit setting restored). Its owner replaces it if it broke."""
        status = conn.info.transaction_status
        if status != TransactionStatus.IDLE:
            raise TransactionOpenError(
                "idempotency records are written between transactions, and a transaction is"
                f" open on the shared connection ({status.name})"
            )
        autocommit = conn.autocommit
        if not autocommit:
            conn.autocommit = True  # client-side only: no statement is sent
        try:
            with conn.cursor(row_factory=tuple_row) as cur:
                cur.execute(query, params, prepare=False)
                return cur.fetchall() if cur.description is not None else []
        finally:
            if not autocommit:
                if not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE:
                    conn.autocommit = False
                else:
                    # Broken, or interrupted mid-statement: never hand it back in autocommit
                    # as if it were transactional. Its owner opens a new one.
                    conn.close()

    def close(self) -> None:
        """Close the connection if one of its own is open (it is reopened on the next
        operation); a shared connection is left to its owner."""
        with self._conn_lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    # -- BasePersistenceLayer ---------------------------------------------------------------

    @staticmethod
    def _row_to_data_record(row: tuple[Any, ...]) -> DataRecord:
        key, expiry, in_progress_expiry, status, data, validation = row
        return DataRecord(
            idempotency_key=key,
            status=status,
            expiry_timestamp=expiry,
            in_progress_expiry_timestamp=in_progress_expiry,
            response_data=data or "",
            payload_hash=validation or "",
        )

    def _get_record(self, idempotency_key: str) -> DataRecord:
        rows = self._execute(self._select_sql, {"id": idempotency_key})
        if not rows:
            raise IdempotencyItemNotFoundError
        return self._row_to_data_record(rows[0])

    def _put_record(self, data_record: DataRecord) -> None:
        now = dt.datetime.now()
        validation = (
            data_record.payload_hash
            if self.payload_validation_enabled and data_record.payload_hash
            else None
        )
        logger.debug("Putting record for idempotency key: %s", data_record.idempotency_key)
        written = self._execute(
            self._put_sql,
            {
                "id": data_record.idempotency_key,
                "expiry": data_record.expiry_timestamp,
                "in_progress_expiry": data_record.in_progress_expiry_timestamp,
                "status": data_record.status,
                "validation": validation,
                "now": int(now.timestamp()),
                "now_ms": int(now.timestamp() * 1000),
                "inprogress": STATUS_CONSTANTS["INPROGRESS"],
            },
        )
        if written:
            return

        existing = self._execute(self._select_sql, {"id": data_record.idempotency_key})
        if not existing:
            # Deleted between the two statements: Powertools re-reads, finds nothing and retries.
            raise IdempotencyItemAlreadyExistsError
        old_data_record = self._row_to_data_record(existing[0])
        logger.debug(
            "Failed to put record for already existing idempotency key: %s with status: %s, "
            "expiry_timestamp: %s, and in_progress_expiry_timestamp: %s",
            data_record.idempotency_key,
            old_data_record.status,
            old_data_record.expiry_timestamp,
            old_data_record.in_progress_expiry_timestamp,
        )
        # A different payload under the same key is an error even while the first one runs.
        self._validate_payload(data_payload=data_record, stored_data_record=old_data_record)
        self._save_to_cache(data_record=old_data_record)
        raise IdempotencyItemAlreadyExistsError(old_data_record=old_data_record)

    def _update_record(self, data_record: DataRecord) -> None:
        logger.debug("Updating record for idempotency key: %s", data_record.idempotency_key)
        query = (
            self._update_with_validation_sql
            if self.payload_validation_enabled
            else self._update_sql
        )
        self._execute(
            query,
            {
                "id": data_record.idempotency_key,
                "expiry": data_record.expiry_timestamp,
                "status": data_record.status,
                "data": data_record.response_data,
                "validation": data_record.payload_hash or None,
            },
        )

    def _delete_record(self, data_record: DataRecord) -> None:
        logger.debug("Deleting record for idempotency key: %s", data_record.idempotency_key)
        self._execute(self._delete_sql, {"id": data_record.idempotency_key})

    # -- housekeeping -----------------------------------------------------------------------

    def delete_expired(self, now: dt.datetime | None = None) -> int:
        """Delete records expired before ``now`` (default: the current time); return how many.

        PostgreSQL has no TTL like DynamoDB: run this from a scheduled housekeeping job.
        """
        moment = now or dt.datetime.now(dt.UTC)
        return len(self._execute(self._purge_sql, {"now": int(moment.timestamp())}))
