"""Secrets by ARN: a group secret (JSON keyed by variable name) as the template wires them.

Against moto's Secrets Manager: the same calls the deployed functions make.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

moto = pytest.importorskip("moto")
import boto3  # noqa: E402

from booking.adapters.http import ContractError, read_secret  # noqa: E402


@pytest.fixture
def secretsmanager(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    # Powertools caches secrets by name for five minutes; each test starts from an empty cache.
    from aws_lambda_powertools.utilities.parameters import clear_caches

    clear_caches()
    with moto.mock_aws():
        yield boto3.client("secretsmanager")
    clear_caches()


def _secret(client: Any, name: str, value: str) -> str:
    arn: str = client.create_secret(Name=name, SecretString=value)["ARN"]
    return arn


def test_group_secret_answers_each_of_its_variables(secretsmanager: Any) -> None:
    arn = _secret(
        secretsmanager,
        "hubspot",
        json.dumps({"HUBSPOT_TOKEN": "pat-1", "HUBSPOT_CLIENT_SECRET": "cs-1"}),
    )
    env = {"HUBSPOT_SECRETS_ARN": arn}
    assert read_secret("HUBSPOT_TOKEN", env) == "pat-1"
    assert read_secret("HUBSPOT_CLIENT_SECRET", env) == "cs-1"


def test_missing_or_empty_key_counts_as_unset(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "ninja", json.dumps({"NINJAONE_CLIENT_SECRET": ""}))
    env = {"NINJAONE_SECRETS_ARN": arn}
    assert read_secret("NINJAONE_CLIENT_SECRET", env) is None
    assert read_secret("NINJAONE_REFRESH_TOKEN", env) is None


def test_per_variable_arn_wins_over_group_and_plain(secretsmanager: Any) -> None:
    group = _secret(secretsmanager, "unifi", json.dumps({"UNIFI_TOKEN": "from-group"}))
    single = _secret(secretsmanager, "unifi-token", "from-single")
    env = {"UNIFI_TOKEN_SECRET_ARN": single, "UNIFI_SECRETS_ARN": group, "UNIFI_TOKEN": "plain"}
    assert read_secret("UNIFI_TOKEN", env) == "from-single"
    del env["UNIFI_TOKEN_SECRET_ARN"]
    assert read_secret("UNIFI_TOKEN", env) == "from-group"


def test_group_secret_that_is_not_json_is_a_contract_error(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "clubos", "hunter2")
    with pytest.raises(ContractError, match="not a JSON object"):
        read_secret("CLUBOS_PASSWORD", {"CLUBOS_SECRETS_ARN": arn})


def test_pass_keys_secret_accepts_the_base64_form(
    secretsmanager: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template seeds the keyring secret from the base64 parameter that make run passes."""
    from booking.adapters.pass_keys import keyring_from_environment

    keyring = {"current": {"kid": "k1", "key": base64.b64encode(os.urandom(32)).decode()}}
    b64 = base64.urlsafe_b64encode(json.dumps(keyring).encode()).decode().rstrip("=")
    monkeypatch.setenv("PASS_KEYS_SECRET_ARN", _secret(secretsmanager, "pass-keys", b64))
    monkeypatch.delenv("PASS_KEYS", raising=False)
    assert keyring_from_environment().current[0] == "k1"


def test_database_secret_json_with_proxy_host(
    secretsmanager: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RDS-style credentials with the RDS Proxy endpoint in place of the cluster's host."""
    from booking import config

    creds = {"username": "booking", "password": "p w", "host": "cluster.internal", "port": 5432}
    monkeypatch.setenv("DATABASE_SECRET_ARN", _secret(secretsmanager, "db", json.dumps(creds)))
    monkeypatch.setenv("DATABASE_HOST", "proxy.internal")
    monkeypatch.setenv("DATABASE_SSLMODE", "require")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config.settings.cache_clear()
    config.database_url.cache_clear()
    try:
        url = config.database_url()
    finally:
        config.settings.cache_clear()
        config.database_url.cache_clear()
    assert "host=proxy.internal" in url
    assert "sslmode=require" in url
    assert "cluster.internal" not in url
