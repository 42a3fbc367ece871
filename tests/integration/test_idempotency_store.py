"""Powertools idempotency on the PostgreSQL persistence layer, against the real database."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from aws_lambda_powertools.utilities.idempotency import (
    IdempotencyConfig,
    idempotent,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyPersistenceLayerError,
    IdempotencyValidationError,
)

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.idempotency import PostgresPersistenceLayer

THREADS = 20


@dataclass
class FakeLambdaContext:
    """The parts of the Lambda context Powertools' idempotency reads."""

    remaining_millis: int = 30_000
    function_name: str = "bookings-api"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_millis


@dataclass
class Counter:
    """Counts executions of the wrapped function, safely across threads."""

    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bump(self) -> int:
        with self.lock:
            self.calls += 1
            return self.calls


@pytest.fixture
def factory(database_url: str) -> Callable[[], psycopg.Connection[Any]]:
    """Connections as a Lambda would open them: autocommit, no server-side prepares."""

    def connect() -> psycopg.Connection[Any]:
        return psycopg.connect(database_url, autocommit=True, prepare_threshold=None)

    return connect


@pytest.fixture(params=["own", "shared"])
def layer(
    request: pytest.FixtureRequest,
    factory: Callable[[], psycopg.Connection[Any]],
    database_url: str,
) -> Iterator[PostgresPersistenceLayer]:
    """The layer with an autocommit connection of its own, and on a unit of work's (transactional)
    connection, as the functions run it."""
    if request.param == "own":
        store = PostgresPersistenceLayer(connection_factory=factory)
        yield store
        store.close()
        return
    database = Database(database_url, prepared_statements=True)
    try:
        yield PostgresPersistenceLayer(connection=database.connection)
        conn = database.connection()
        assert not conn.autocommit
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    finally:
        database.close()


@pytest.fixture
def prefix() -> str:
    """A key prefix of the test's own, so tests sharing the database never share records."""
    return f"test-{uuid.uuid4().hex[:12]}"


def _config(**kwargs: Any) -> IdempotencyConfig:
    config = IdempotencyConfig(event_key_jmespath="booking_id", **kwargs)
    config.register_lambda_context(FakeLambdaContext())  # type: ignore[arg-type]
    return config


def _rows(database_url: str, prefix: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT id, status, expiry_timestamp, in_progress_expiry_timestamp, data, validation"
            " FROM idempotency_record WHERE id LIKE %s ORDER BY id",
            (prefix + "#%",),
        ).fetchall()


def _update(database_url: str, prefix: str, assignments: str, params: tuple[Any, ...]) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        updated = conn.execute(
            f"UPDATE idempotency_record SET {assignments} WHERE id LIKE %s",
            (*params, prefix + "#%"),
        ).rowcount
    assert updated == 1


def test_no_connection_is_opened_by_the_constructor() -> None:
    opened: list[int] = []

    def factory() -> psycopg.Connection[Any]:
        opened.append(1)
        raise AssertionError("must not connect")

    PostgresPersistenceLayer(connection_factory=factory)

    assert opened == []


def test_second_call_returns_the_first_result(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    counter = Counter()

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(),
        key_prefix=prefix,
    )
    def create_booking(command: dict[str, Any]) -> dict[str, Any]:
        return {"booking_id": command["booking_id"], "run": counter.bump()}

    first = create_booking(command={"booking_id": "b-1", "bay": 3})
    second = create_booking(command={"booking_id": "b-1", "bay": 3})

    assert first == second == {"booking_id": "b-1", "run": 1}
    assert counter.calls == 1
    [(_, status, expiry, in_progress_expiry, data, _)] = _rows(database_url, prefix)
    assert status == "COMPLETED"
    assert expiry > time.time()
    assert in_progress_expiry is not None
    assert data == '{"booking_id": "b-1", "run": 1}'


def test_idempotent_handler_replays_its_response(
    layer: PostgresPersistenceLayer, prefix: str
) -> None:
    counter = Counter()
    config = IdempotencyConfig(event_key_jmespath='powertools_json(body).["booking_id"]')

    @idempotent(persistence_store=layer, config=config, key_prefix=prefix)
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return {"statusCode": 201, "body": f'{{"run": {counter.bump()}}}'}

    event = {"body": '{"booking_id": "b-9", "start": "2025-03-08T22:30:00Z"}'}
    responses = [handler(event, FakeLambdaContext()) for _ in range(3)]

    assert responses == [{"statusCode": 201, "body": '{"run": 1}'}] * 3
    assert counter.calls == 1


def test_concurrent_calls_with_one_key_run_the_function_once(
    factory: Callable[[], psycopg.Connection[Any]], prefix: str
) -> None:
    counter = Counter()
    finished = 0
    finished_changed = threading.Condition()
    start = threading.Barrier(THREADS)
    config = _config()
    # One layer (and connection) per thread, like separate Lambda execution environments.
    layers = [PostgresPersistenceLayer(connection_factory=factory) for _ in range(THREADS)]

    def charge(command: dict[str, Any]) -> dict[str, Any]:
        run = counter.bump()
        # Hold the record INPROGRESS until every other caller has come back, so they all meet
        # it in that state. The wait is bounded (one deadline, not per caller) so a layer that
        # lets several callers in fails the test quickly instead of hanging it.
        with finished_changed:
            finished_changed.wait_for(lambda: finished >= THREADS - 1, timeout=15)
        return {"charged": command["booking_id"], "run": run}

    def call(store: PostgresPersistenceLayer) -> dict[str, Any] | Exception:
        wrapped = idempotent_function(
            data_keyword_argument="command",
            persistence_store=store,
            config=config,
            key_prefix=prefix,
        )(charge)
        start.wait()
        try:
            return wrapped(command={"booking_id": "b-42"})
        except Exception as exc:  # the outcome under test
            return exc
        finally:
            nonlocal finished
            with finished_changed:
                finished += 1
                finished_changed.notify_all()

    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            outcomes = list(pool.map(call, layers))
    finally:
        for store in layers:
            store.close()

    expected = {"charged": "b-42", "run": 1}
    assert counter.calls == 1
    assert outcomes.count(expected) >= 1
    unexpected = [
        o
        for o in outcomes
        if o != expected and not isinstance(o, IdempotencyAlreadyInProgressError)
    ]
    assert unexpected == []
    # Once completed, every later caller gets the stored result.
    later = idempotent_function(
        data_keyword_argument="command",
        persistence_store=layers[0],
        config=config,
        key_prefix=prefix,
    )(charge)
    assert later(command={"booking_id": "b-42"}) == expected
    assert counter.calls == 1


def test_expired_record_is_replaced(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    counter = Counter()

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(),
        key_prefix=prefix,
    )
    def sync(command: dict[str, Any]) -> dict[str, Any]:
        return {"run": counter.bump()}

    assert sync(command={"booking_id": "b-7"}) == {"run": 1}
    _update(database_url, prefix, "expiry_timestamp = %s", (int(time.time()) - 5,))

    assert sync(command={"booking_id": "b-7"}) == {"run": 2}
    assert sync(command={"booking_id": "b-7"}) == {"run": 2}
    [(_, status, expiry, _, data, _)] = _rows(database_url, prefix)
    assert (status, data) == ("COMPLETED", '{"run": 2}')
    assert expiry > time.time()


def test_in_progress_record_of_a_timed_out_invocation_is_taken_over(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    counter = Counter()

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(),
        key_prefix=prefix,
    )
    def start_lifecycle(command: dict[str, Any]) -> dict[str, Any]:
        return {"run": counter.bump()}

    start_lifecycle(command={"booking_id": "b-8"})
    now_ms = int(time.time() * 1000)

    # Still within the writer's Lambda timeout: the record is busy.
    _update(
        database_url,
        prefix,
        "status = 'INPROGRESS', data = NULL, in_progress_expiry_timestamp = %s",
        (now_ms + 60_000,),
    )
    with pytest.raises(IdempotencyAlreadyInProgressError):
        start_lifecycle(command={"booking_id": "b-8"})

    # Without an in-progress expiry (no Lambda context was known) it stays busy until expiry.
    _update(database_url, prefix, "in_progress_expiry_timestamp = NULL", ())
    with pytest.raises(IdempotencyAlreadyInProgressError):
        start_lifecycle(command={"booking_id": "b-8"})

    # The writer's Lambda timed out: the next invocation takes the record over.
    _update(database_url, prefix, "in_progress_expiry_timestamp = %s", (now_ms - 1_000,))
    assert start_lifecycle(command={"booking_id": "b-8"}) == {"run": 2}
    assert counter.calls == 2


def test_different_payload_with_the_same_key_is_rejected(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    counter = Counter()
    in_flight: list[Exception] = []

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(payload_validation_jmespath="[bay_id, starts_at]"),
        key_prefix=prefix,
    )
    def book(command: dict[str, Any]) -> dict[str, Any]:
        run = counter.bump()
        if run == 1:
            # A conflicting retry while the first call is still running: the stored hash is
            # checked on the insert path too, so it is a validation error, not "in progress".
            try:
                book(command={"booking_id": "b-5", "bay_id": "bay-2", "starts_at": "10:00"})
            except Exception as exc:
                in_flight.append(exc)
        return {"run": run}

    original = {"booking_id": "b-5", "bay_id": "bay-1", "starts_at": "10:00"}
    assert book(command=original) == {"run": 1}
    assert [type(e) for e in in_flight] == [IdempotencyValidationError]

    with pytest.raises(IdempotencyValidationError):
        book(command={"booking_id": "b-5", "bay_id": "bay-1", "starts_at": "11:00"})
    # Fields outside the validated part may differ: the stored result is replayed.
    assert book(command={**original, "note": "retry"}) == {"run": 1}
    assert counter.calls == 1
    [(*_, validation)] = _rows(database_url, prefix)
    assert validation


def test_failed_execution_releases_the_key(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    counter = Counter()

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(),
        key_prefix=prefix,
    )
    def flaky(command: dict[str, Any]) -> dict[str, Any]:
        if counter.bump() == 1:
            raise RuntimeError("door controller unreachable")
        return {"ok": True}

    with pytest.raises(RuntimeError):
        flaky(command={"booking_id": "b-3"})
    assert _rows(database_url, prefix) == []

    assert flaky(command={"booking_id": "b-3"}) == {"ok": True}
    assert counter.calls == 2


def test_dropped_connection_is_reopened_on_the_next_call(
    factory: Callable[[], psycopg.Connection[Any]], prefix: str, database_url: str
) -> None:
    counter = Counter()
    opened: list[psycopg.Connection[Any]] = []

    def recording_factory() -> psycopg.Connection[Any]:
        opened.append(factory())
        return opened[-1]

    store = PostgresPersistenceLayer(connection_factory=recording_factory)

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=store,
        config=_config(),
        key_prefix=prefix,
    )
    def work(command: dict[str, Any]) -> dict[str, Any]:
        return {"run": counter.bump()}

    assert work(command={"booking_id": "b-11"}) == {"run": 1}
    assert len(opened) == 1  # reused across the put and update of one call
    with psycopg.connect(database_url, autocommit=True) as admin:
        # As a restart or an administrator would, while the function sat idle.
        admin.execute("SELECT pg_terminate_backend(%s, 10000)", (opened[0].info.backend_pid,))

    try:
        # The dropped session is noticed before the first statement and replaced once.
        assert work(command={"booking_id": "b-12"}) == {"run": 2}
        assert work(command={"booking_id": "b-11"}) == {"run": 1}
        assert len(opened) == 2
        assert opened[0].closed
    finally:
        store.close()


def test_non_autocommit_connection_is_refused(database_url: str, prefix: str) -> None:
    store = PostgresPersistenceLayer(connection_factory=lambda: psycopg.connect(database_url))

    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=store,
        config=_config(),
        key_prefix=prefix,
    )
    def work(command: dict[str, Any]) -> None:
        raise AssertionError("must not run")

    with pytest.raises(IdempotencyPersistenceLayerError) as refused:
        work(command={"booking_id": "b-1"})
    assert "autocommit" in str(refused.value)


def test_delete_expired_removes_only_expired_records(
    layer: PostgresPersistenceLayer, prefix: str, database_url: str
) -> None:
    @idempotent_function(
        data_keyword_argument="command",
        persistence_store=layer,
        config=_config(),
        key_prefix=prefix,
    )
    def work(command: dict[str, Any]) -> dict[str, Any]:
        return {"id": command["booking_id"]}

    work(command={"booking_id": "keep"})
    work(command={"booking_id": "drop"})
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE idempotency_record SET expiry_timestamp = 1"
            " WHERE id LIKE %s AND data LIKE '%%drop%%'",
            (prefix + "#%",),
        )

    assert layer.delete_expired() >= 1
    assert [row[4] for row in _rows(database_url, prefix)] == ['{"id": "keep"}']
