"""Settings read lazily from the environment and validated once per execution environment.

Secrets are referenced, never stored: in AWS ``DATABASE_SECRET_ARN`` and ``JWT_SECRET_ARN``
name Secrets Manager secrets (read through Powertools Parameters, cached); locally
``DATABASE_URL`` and ``JWT_SECRET`` carry the values directly.
"""

from __future__ import annotations

import functools
import json
import os

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """The platform's runtime configuration (each field from the upper-case variable)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    database_url: str | None = None
    database_secret_arn: str | None = None
    jwt_secret: str | None = None
    jwt_secret_arn: str | None = None
    jwt_jwks_url: str | None = None
    jwt_issuer: str = "booking-platform"
    jwt_audience: str = "booking-api"
    event_bus_name: str = "booking-events"
    event_source: str = "booking.platform"
    idempotency_ttl_seconds: int = Field(3600, ge=60)
    environment: str = "local"
    # The WebSocket API's @connections endpoint (live updates); unset = no pushes.
    live_management_endpoint: str | None = None


@functools.cache
def settings() -> Settings:
    """The settings, read once per execution environment.

    A plain model over ``os.environ`` rather than pydantic-settings, whose import (dotenv and
    friends) cost more at cold start than the whole of this module.
    """
    values = {
        name: os.environ[name.upper()]
        for name in Settings.model_fields
        if os.environ.get(name.upper()) not in (None, "")
    }
    return Settings.model_validate(values)


def _secret(arn: str) -> str:
    from aws_lambda_powertools.utilities import parameters

    value = parameters.get_secret(arn, max_age=300)
    return value if isinstance(value, str) else value.decode()


@functools.cache
def database_url() -> str:
    """The PostgreSQL URL, from ``DATABASE_URL`` or the Secrets Manager secret.

    An RDS-style secret (JSON with host, port, username, password, dbname) is turned into a URL.
    """
    s = settings()
    if s.database_url:
        return s.database_url
    if not s.database_secret_arn:
        raise RuntimeError("set DATABASE_URL or DATABASE_SECRET_ARN")
    raw = _secret(s.database_secret_arn)
    if raw.startswith("postgres"):
        return raw
    data = json.loads(raw)
    from psycopg.conninfo import make_conninfo

    return make_conninfo(
        host=data["host"],
        port=data.get("port", 5432),
        user=data["username"],
        password=data["password"],
        dbname=data.get("dbname", "booking"),
    )


def jwt_secret() -> str | None:
    """The HS256 signing secret, if one is configured."""
    s = settings()
    if s.jwt_secret:
        return s.jwt_secret
    if s.jwt_secret_arn:
        return _secret(s.jwt_secret_arn)
    return None
