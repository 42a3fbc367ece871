"""template.yaml hands each function only the secrets it uses, by Secrets Manager ARN.

Read statically (no deploy): the Globals carry no secret, no function carries a secret value in
its environment, every secret ARN a function gets comes with the matching read policy (and no
read policy comes without its ARN), and the public docs function gets neither.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.template_model import TEMPLATE, functions, load_template

# What each secret group's ARN variable is called, and the policy that may read it.
SECRET_GROUPS = {
    "DATABASE_SECRET_ARN": "DatabaseSecretRead",
    "JWT_SECRET_ARN": "JwtSecretRead",
    "PASS_KEYS_SECRET_ARN": "PassKeysSecretRead",
    "HUBSPOT_SECRETS_ARN": "HubSpotSecretsRead",
    "UNIFI_SECRETS_ARN": "UnifiSecretsRead",
    "NINJAONE_SECRETS_ARN": "NinjaOneSecretsRead",
    "CLUBOS_SECRETS_ARN": "ClubOSSecretsRead",
}
# Variable names that would carry a secret value rather than a reference to one.
SECRET_VALUE_NAMES = (
    "DATABASE_URL",
    "JWT_SECRET",
    "PASS_KEYS",
    "HUBSPOT_TOKEN",
    "HUBSPOT_CLIENT_SECRET",
    "UNIFI_TOKEN",
    "UNIFI_WEBHOOK_SECRET",
    "NINJAONE_CLIENT_SECRET",
    "NINJAONE_REFRESH_TOKEN",
    "CLUBOS_PASSWORD",
)


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE)


def _env(props: dict[str, Any]) -> dict[str, Any]:
    return dict(((props.get("Environment") or {}).get("Variables")) or {})


def _policy_refs(props: dict[str, Any]) -> set[str]:
    return {
        p["Ref"] for p in props.get("Policies") or [] if isinstance(p, dict) and set(p) == {"Ref"}
    }


def test_globals_hold_no_secret(template: dict[str, Any]) -> None:
    env = _env(template["Globals"]["Function"])
    leaked = [k for k in env if k in SECRET_VALUE_NAMES or k in SECRET_GROUPS]
    assert leaked == []


def test_no_function_gets_a_secret_value(template: dict[str, Any]) -> None:
    leaked = {
        name: sorted(set(_env(props)) & set(SECRET_VALUE_NAMES))
        for name, props in functions(template).items()
        if set(_env(props)) & set(SECRET_VALUE_NAMES)
    }
    assert leaked == {}


def test_each_secret_arn_comes_with_its_read_policy_and_nothing_more(
    template: dict[str, Any],
) -> None:
    mismatched = {}
    for name, props in functions(template).items():
        wanted = {SECRET_GROUPS[k] for k in _env(props) if k in SECRET_GROUPS}
        granted = _policy_refs(props) & set(SECRET_GROUPS.values())
        if wanted != granted:
            mismatched[name] = {"env": sorted(wanted), "policies": sorted(granted)}
    assert mismatched == {}


def test_no_inline_secret_grants(template: dict[str, Any]) -> None:
    """Secret access goes through the group policies, never a per-function inline grant."""
    text = TEMPLATE.read_text()
    assert "AWSSecretsManagerGetSecretValuePolicy" not in text


def test_public_docs_function_gets_no_secret(template: dict[str, Any]) -> None:
    docs = functions(template)["DocsFunction"]
    assert set(_env(docs)) & (set(SECRET_GROUPS) | set(SECRET_VALUE_NAMES)) == set()
    assert _policy_refs(docs) & set(SECRET_GROUPS.values()) == set()


def test_expected_secrets_per_function(template: dict[str, Any]) -> None:
    """Spot checks of who needs what (the API functions verify tokens where no authorizer ran)."""
    fns = functions(template)
    groups = {name: {k for k in _env(p) if k in SECRET_GROUPS} for name, p in fns.items()}
    assert groups["AuthorizerFunction"] == {"JWT_SECRET_ARN"}
    assert groups["OutboxSweeperFunction"] == {"DATABASE_SECRET_ARN"}
    assert "PASS_KEYS_SECRET_ARN" in groups["PassesFunction"]
    assert "PASS_KEYS_SECRET_ARN" not in groups["BookingsFunction"]
    assert groups["WebhooksFunction"] >= {"HUBSPOT_SECRETS_ARN", "UNIFI_SECRETS_ARN"}
    assert "JWT_SECRET_ARN" not in groups["WebhooksFunction"]


def test_unifi_tls_is_verified_by_default(template: dict[str, Any]) -> None:
    params = template["Parameters"]
    assert params["UnifiVerifyTls"]["Default"] == "true"
    assert "UnifiCaBundle" in params
    for name, props in functions(template).items():
        env = _env(props)
        if "UNIFI_BASE_URL" in env:
            assert env.get("UNIFI_VERIFY_TLS") == {"Ref": "UnifiVerifyTls"}, name
            assert env.get("UNIFI_CA_BUNDLE") == {"Ref": "UnifiCaBundle"}, name


def test_handler_is_set_once_in_globals(template: dict[str, Any]) -> None:
    assert template["Globals"]["Function"]["Handler"] == "handler.handler"
    assert [n for n, p in functions(template).items() if "Handler" in p] == []
