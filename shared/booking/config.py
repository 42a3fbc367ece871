"""Settings read lazily from the environment and validated once per execution environment.

Secrets are referenced, never stored: deployed functions get ``DATABASE_SECRET_ARN`` and
``JWT_SECRET_ARN`` naming Secrets Manager secrets (read through Powertools Parameters, cached);
tests and command-line tools use ``DATABASE_URL`` and ``JWT_SECRET`` directly.

Behind RDS Proxy the database secret holds the cluster's RDS-style credentials while the
functions connect to the proxy: ``DATABASE_HOST`` overrides the secret's host and
``DATABASE_SSLMODE`` (``require`` there) the TLS mode.
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
    database_host: str | None = None
    database_sslmode: str | None = None
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
    # The local stack's stand-in for Cognito (booking.services.local_sign_in); never set in AWS.
    local_sign_in_password: str | None = None
    session_ttl_seconds: int = Field(3600, ge=60, le=86400)


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

    An RDS-style secret (JSON with host, port, username, password, dbname) is turned into a
    connection string, with ``DATABASE_HOST`` (the RDS Proxy endpoint) in place of its host.
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

    options = {"sslmode": s.database_sslmode} if s.database_sslmode else {}
    return make_conninfo(
        host=s.database_host or data["host"],
        port=data.get("port", 5432),
        user=data["username"],
        password=data["password"],
        dbname=data.get("dbname", "booking"),
        **options,
    )


def jwt_secret() -> str | None:
    """The HS256 signing secret, if one is configured."""
    s = settings()
    if s.jwt_secret:
        return s.jwt_secret
    if s.jwt_secret_arn:
        return _secret(s.jwt_secret_arn)
    return None
