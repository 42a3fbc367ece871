"""Token verification: our words for every refusal, and JWKS keys that survive a short outage.

The identity provider is a real HTTP server on loopback serving a JWK set; it can be switched to
answer 503, as an endpoint in trouble would.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from booking.adapters.jwks import ResilientJWKClient
from booking.api.auth import Unauthorized, actor_from_event, issue_token, verify_token
from booking.domain.errors import ServiceUnavailable

SECRET = "unit-" + uuid.uuid4().hex


class IdentityProvider:
    """A JWKS endpoint with one RSA key; ``down`` makes it answer 503."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "k-" + uuid.uuid4().hex[:6]
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}
        self.down = False
        self.fail_next = 0
        self.hits = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.hits += 1
                if provider.down or provider.fail_next > 0:
                    provider.fail_next = max(0, provider.fail_next - 1)
                    self.send_response(503)
                    self.end_headers()
                    return
                body = json.dumps(provider.jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/.well-known/jwks.json"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def token(self, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "sub": str(uuid.uuid4()),
            "role": "member",
            "iat": now,
            "exp": now + 600,
            "iss": "booking-platform",
            "aud": "booking-api",
            **claims,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def idp() -> Iterator[IdentityProvider]:
    provider = IdentityProvider()
    yield provider
    provider.close()


@pytest.fixture
def hs256(monkeypatch):
    from booking import config

    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.delenv("JWT_JWKS_URL", raising=False)
    config.settings.cache_clear()
    yield
    config.settings.cache_clear()


# -- refusals in our words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "code", "message"),
    [
        (
            lambda: issue_token(
                role="member", sub=str(uuid.uuid4()), secret=SECRET, ttl_seconds=-10
            ),
            "TOKEN_EXPIRED",
            "The token has expired; sign in again",
        ),
        (
            lambda: issue_token(role="member", sub=str(uuid.uuid4()), secret="x" * 40),
            "INVALID_TOKEN",
            "The token's signature does not verify",
        ),
        (
            lambda: issue_token(
                role="member", sub=str(uuid.uuid4()), secret=SECRET, audience="another-api"
            ),
            "INVALID_TOKEN",
            "The token was issued for another service",
        ),
        (lambda: "not.a.jwt", "INVALID_TOKEN", "The token is malformed"),
        (
            lambda: jwt.encode({"sub": "x", "role": "member"}, SECRET, algorithm="HS256"),
            "INVALID_TOKEN",
            "The token lacks a required claim",
        ),
    ],
)
def test_refusals_are_in_our_words_not_pyjwts(hs256, token, code, message):
    with pytest.raises(Unauthorized) as exc:
        verify_token(token())
    assert (exc.value.code, exc.value.message) == (code, message)
    # PyJWT's own phrases ("Signature has expired", "Invalid audience", ...) stay inside.
    for phrase in ("Signature", "audience", "Not enough segments", "Invalid", "claim:"):
        assert phrase not in exc.value.message


def test_an_api_reply_for_an_expired_token_says_token_expired(hs256):
    from tests.integration.api_client import call

    expired = issue_token(role="member", sub=str(uuid.uuid4()), secret=SECRET, ttl_seconds=-5)
    status, body = call("members", "members/me", authorization=f"Bearer {expired}")
    assert status == 401
    assert body["error"] == {
        "code": "TOKEN_EXPIRED",
        "message": "The token has expired; sign in again",
        "details": {},
    }


# -- the authorizer's cached answer never outlives the token ---------------------------------


def test_a_cached_authorizer_context_past_exp_is_refused():
    event = {
        "requestContext": {
            "authorizer": {"role": "admin", "sub": "a", "locations": "*", "exp": 1_000}
        }
    }
    with pytest.raises(Unauthorized) as exc:
        actor_from_event(event, now=1_000)
    assert exc.value.code == "TOKEN_EXPIRED"
    assert actor_from_event(event, now=999).role.value == "admin"


def test_an_authorizer_context_without_exp_is_not_trusted_alone():
    event = {"requestContext": {"authorizer": {"role": "admin", "sub": "a"}}, "headers": {}}
    with pytest.raises(Unauthorized):
        actor_from_event(event)


def test_authorizer_cache_ttl_is_bounded_in_the_template():
    """API Gateway's cache stays short; the functions' exp check closes what remains."""
    from pathlib import Path

    template = (Path(__file__).resolve().parents[2] / "template.yaml").read_text()
    ttl = [
        int(line.split(":")[1])
        for line in template.splitlines()
        if line.strip().startswith("ReauthorizeEvery:")
    ]
    assert ttl and all(0 <= t <= 300 for t in ttl)


# -- JWKS: retries, and the last good keys across a short outage ------------------------------


@pytest.fixture
def jwks_env(monkeypatch, idp):
    from booking import config
    from booking.api import auth

    monkeypatch.setenv("JWT_JWKS_URL", idp.url)
    monkeypatch.delenv("JWT_SECRET", raising=False)
    config.settings.cache_clear()
    auth._jwks_client.cache_clear()
    yield idp
    auth._jwks_client.cache_clear()
    config.settings.cache_clear()


def test_jwks_verifies_a_provider_token(jwks_env):
    claims = verify_token(jwks_env.token())
    assert claims["role"] == "member"


def test_a_failed_jwks_fetch_is_retried(jwks_env):
    jwks_env.fail_next = 2  # two 503s, then the keys
    assert verify_token(jwks_env.token())["role"] == "member"
    assert jwks_env.hits == 3


def test_keys_outlive_a_short_outage_then_expire(idp):
    clock = {"t": 1000.0}
    client = ResilientJWKClient(
        idp.url,
        lifespan=0.05,
        attempts=2,
        backoff_seconds=0,
        max_stale_seconds=60,
        clock=lambda: clock["t"],
        sleep=lambda s: None,
    )
    token = idp.token()
    assert client.get_signing_key_from_jwt(token).key_id == idp.kid
    idp.down = True
    time.sleep(0.1)  # PyJWT's own set cache has expired: the next lookup fetches
    clock["t"] += 30
    assert client.get_signing_key_from_jwt(token).key_id == idp.kid  # last good set
    time.sleep(0.1)
    clock["t"] += 60  # 90 s since the last good fetch: too old to trust
    with pytest.raises(jwt.PyJWKClientConnectionError):
        client.get_signing_key_from_jwt(token)
    idp.down = False
    time.sleep(0.1)
    assert client.get_signing_key_from_jwt(token).key_id == idp.kid


def test_no_keys_at_all_is_503_not_401(jwks_env):
    jwks_env.down = True
    with pytest.raises(ServiceUnavailable) as exc:
        verify_token(jwks_env.token())
    assert exc.value.code == "AUTH_KEYS_UNAVAILABLE"
    assert "url" not in exc.value.message.lower()
