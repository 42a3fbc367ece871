"""boto3 clients for the local cloud (LocalStack), made in one place through ``localstack_client``.

Tests, ``make run``'s helpers, the benchmarks and the DLQ replay reach LocalStack through
:func:`client`: ``localstack_client``'s session points every service at the given LocalStack and
signs with its test credentials, so nothing here can talk to a real AWS account by mistake.

Which LocalStack: the URL passed in, else ``LOCALSTACK_ENDPOINT``, else the one ``make run``
wrote to ``.run/endpoints.json``, else ``localstack_client``'s default (``LOCALSTACK_HOST``,
``localhost:4566``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from localstack_client import config
from localstack_client.session import Session

REGION = "us-east-1"
RUN_ENDPOINTS = Path(".run") / "endpoints.json"


def recorded_endpoint(endpoints_file: Path = RUN_ENDPOINTS) -> str | None:
    """The LocalStack URL ``make run`` recorded, if it did."""
    if not endpoints_file.is_file():
        return None
    url = json.loads(endpoints_file.read_text()).get("localstack")
    return str(url).rstrip("/") if url else None


def endpoint(explicit: str | None = None, endpoints_file: Path = RUN_ENDPOINTS) -> str:
    """The LocalStack edge URL (see the module docstring for the order)."""
    found = (
        explicit
        or os.environ.get("LOCALSTACK_ENDPOINT")
        or recorded_endpoint(endpoints_file)
        or config.get_service_endpoint("edge")
    )
    assert found, "localstack_client always knows an edge endpoint"
    return found.rstrip("/")


def session(endpoint_url: str | None = None, region: str = REGION) -> Session:
    """A ``localstack_client`` session on that LocalStack (test credentials)."""
    host = urlparse(endpoint(endpoint_url)).netloc
    return Session(
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name=region,
        localstack_host=host,
    )


def client(
    service: str, endpoint_url: str | None = None, region: str = REGION, **kwargs: Any
) -> Any:
    """A boto3 client for ``service`` on the local cloud (``kwargs``, e.g. ``config``, go to
    boto3; the endpoint and credentials are ``localstack_client``'s)."""
    return session(endpoint_url, region).client(service, **kwargs)
