"""The keyring for access passes, read from the environment or from Secrets Manager.

Configuration (checked in this order):

* ``PASS_KEYS_SECRET_ARN``: a Secrets Manager secret whose value is the JSON below, or its
  base64 form (deployed functions, LocalStack included).
* ``PASS_KEYS``: the same JSON directly in the environment (local development and tests), or
  that JSON as unpadded URL-safe base64 (how ``make run`` passes it through SAM parameters).

JSON shape (keys are 32 random bytes, standard or URL-safe base64)::

    {
      "current": {"kid": "2026-05", "key": "<base64 of 32 bytes>"},
      "previous": [
        {"kid": "2026-04", "key": "<base64>", "accepted_until": "2026-05-01T00:10:00Z"}
      ]
    }

To rotate: move ``current`` into ``previous`` with ``accepted_until`` a few minutes ahead (at
least one rotation step plus clock skew), then put the new key in ``current``. A new key can be
made with ``python -c "import os, base64; print(base64.b64encode(os.urandom(32)).decode())"``.

Nothing is read at import; the secret is fetched on first use and cached by Powertools for five
minutes, so a rotation reaches warm functions without a redeploy.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from datetime import datetime
from typing import Any

from booking.domain.errors import ServiceUnavailable
from booking.domain.passes import KEY_BYTES, PassKeyring

ENV_KEYS = "PASS_KEYS"
ENV_SECRET_ARN = "PASS_KEYS_SECRET_ARN"


class PassKeysNotConfigured(ServiceUnavailable):
    """No (usable) pass keys are configured: passes cannot be issued or checked (503)."""

    code = "PASSES_NOT_CONFIGURED"


def _key(text: Any, where: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{where}: key must be a base64 string")
    padded = text + "=" * (-len(text) % 4)
    try:
        raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{where}: key is not valid base64") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"{where}: key must decode to {KEY_BYTES} bytes, not {len(raw)}")
    return raw


def parse_keyring(text: str) -> PassKeyring:
    """Build a :class:`PassKeyring` from the documented JSON; raises ``ValueError`` if malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"pass keys are not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("current"), dict):
        raise ValueError('pass keys need a "current" object with "kid" and "key"')
    current = data["current"]
    previous = []
    for i, item in enumerate(data.get("previous") or []):
        where = f"previous[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where} must be an object")
        try:
            until = datetime.fromisoformat(str(item["accepted_until"]))
        except (KeyError, ValueError):
            raise ValueError(f"{where}: accepted_until must be an ISO 8601 instant") from None
        if until.tzinfo is None:
            raise ValueError(f"{where}: accepted_until needs a UTC offset")
        previous.append((str(item.get("kid", "")), _key(item.get("key"), where), until))
    return PassKeyring(
        current=(str(current.get("kid", "")), _key(current.get("key"), "current")),
        previous=tuple(previous),
    )


def keyring_from_environment() -> PassKeyring:
    """The configured keyring (see the module docstring); raises ``PassKeysNotConfigured``."""
    arn = os.environ.get(ENV_SECRET_ARN)
    if arn:
        from aws_lambda_powertools.utilities import parameters

        value = parameters.get_secret(arn, max_age=300)
        text = (value if isinstance(value, str) else value.decode()).strip()
        where = ENV_SECRET_ARN
    else:
        text = os.environ.get(ENV_KEYS, "").strip()
        where = ENV_KEYS
    if text and not text.startswith("{"):
        # Deploy tools mangle quotes in parameter values, so the JSON may arrive (and a secret
        # made from such a parameter may hold it) as unpadded URL-safe base64 of itself.
        try:
            text = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise PassKeysNotConfigured(f"{where} is neither JSON nor base64 JSON") from exc
    if text:
        try:
            return parse_keyring(text)
        except ValueError as exc:
            raise PassKeysNotConfigured(f"{where} is malformed: {exc}") from exc
    raise PassKeysNotConfigured(f"set {ENV_KEYS} or {ENV_SECRET_ARN} to issue access passes")
