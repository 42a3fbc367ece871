"""Fixtures for tests on the real PostgreSQL: a database handle and small worlds to book in."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.models import Location, Resource, User
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking_cli.seed import seed

ALWAYS = {d: [["00:00", "24:00"]] for d in WEEKDAYS}


@pytest.fixture(scope="session")
def seeded_database_url(database_url: str) -> str:
    """The session database with the demo data and the default rules."""
    seed(database_url)
    return database_url


@pytest.fixture(scope="session")
def db(seeded_database_url: str) -> Iterator[Database]:
    """A database handle (one connection per thread)."""
    database = Database(seeded_database_url)
    yield database
    database.close()


@pytest.fixture
def api_env(monkeypatch: pytest.MonkeyPatch, seeded_database_url: str) -> None:
    """Point the in-process API functions at the test database, with a signing secret of the
    test's own (modules use it with ``pytestmark = pytest.mark.usefixtures("api_env")``)."""
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret-" + uuid.uuid4().hex)
    config.settings.cache_clear()
    config.database_url.cache_clear()


@pytest.fixture
def uow(db: Database) -> PostgresUnitOfWork:
    """A unit of work on the test database."""
    return PostgresUnitOfWork(db)


@dataclass
class World:
    """A location of a test's own, with bays and members."""

    location: Location
    bays: list[Resource]
    members: list[User] = field(default_factory=list)

    def actor(self, i: int = 0) -> Actor:
        """The member actor for member ``i``."""
        return Actor(role=Role.MEMBER, user_id=self.members[i].id)


WorldFactory = Callable[..., World]


@pytest.fixture
def make_world(db: Database) -> WorldFactory:
    """Build a location with ``bays`` simulators and ``members`` members holding credits."""

    def build(
        *,
        tz: str = "America/Toronto",
        hours: dict[str, Any] | None = None,
        bays: int = 2,
        buffer: int = 0,
        members: int = 1,
        credits: int = 50,
        tier: str = "standard",
        tags: tuple[str, ...] = (),
        settings: dict[str, Any] | None = None,
        capacity: int = 4,
    ) -> World:
        tag = uuid.uuid4().hex[:8]
        uow = PostgresUnitOfWork(db)
        with uow:
            location = uow.locations.add(
                slug=f"test-{tag}",
                name=f"Test {tag}",
                address="",
                time_zone=tz,
                opening_hours=OpeningHours.from_json(hours or ALWAYS),
                settings=LocationSettings.from_json(settings),
            )
            resources = [
                uow.resources.add(
                    location_id=location.id,
                    name=f"Bay {n}",
                    type="simulator",
                    capacity=capacity,
                    buffer_minutes=buffer,
                    unifi_door_ids=["door-1"],
                )
                for n in range(1, bays + 1)
            ]
            users = []
            for n in range(members):
                user = uow.users.add(
                    email=f"m{n}-{tag}@example.com", name=f"Member {n}", tier=tier, tags=tags
                )
                if credits:
                    uow.credits.record(user_id=user.id, delta=credits, reason="grant")
                users.append(user)
            uow.commit()
        return World(location=location, bays=resources, members=users)

    return build
