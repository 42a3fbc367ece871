"""Functions for end-to-end tests against LocalStack (host mode, functions run as local processes).

Typical use in a test module::

    @pytest.fixture(scope="module")
    def outputs() -> dict[str, str]:
        endpoint = localcloud.ensure_localstack()
        return localcloud.deploy(TEMPLATE, "my-stack", {"Stage": "e2e"})

``ensure_localstack`` installs the tools if needed (a few seconds once installed), reuses a
LocalStack that ``infra/local/localstack.sh start`` left running, or starts one on a free port and
stops it when the test process exits. ``LOCALSTACK_ENDPOINT`` in the environment points the tests
at an instance run elsewhere (nothing is installed or started then).

Under pytest-xdist, start LocalStack before the run (``infra/local/localstack.sh start``): a
worker that started its own instance would stop it while other workers still use it.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from booking_cli import localcloud

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "infra" / "local"
STATE = ROOT / ".localstack"
REGION = "us-east-1"

# Exit status of install.sh when the machine lacks the Python it needs.
_NO_INTERPRETER = 3
# Exit status of `localstack.sh status` when no instance is running.
_NOT_RUNNING = 3

_endpoint: str | None = None


class LocalCloudUnavailable(RuntimeError):
    """This machine cannot run the local cloud (no suitable Python for LocalStack)."""


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # stderr (progress) goes straight to the terminal; stdout is the script's answer.
    return subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True
    )


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop() -> None:
    _run(["bash", str(SCRIPTS / "localstack.sh"), "stop"])


def ensure_localstack() -> str:
    """Return the endpoint URL of a running LocalStack, installing and starting it if needed.

    Raises :class:`LocalCloudUnavailable` when the machine lacks the interpreter LocalStack
    needs, and ``RuntimeError`` when installing or starting fails otherwise.
    """
    global _endpoint
    if _endpoint is not None:
        return _endpoint
    if os.environ.get("LOCALSTACK_ENDPOINT"):
        _endpoint = os.environ["LOCALSTACK_ENDPOINT"].rstrip("/")
        return _endpoint

    STATE.mkdir(exist_ok=True)
    # One process at a time checks, installs and starts.
    with (STATE / "ensure.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        installed = _run(["bash", str(SCRIPTS / "install.sh")])
        if installed.returncode == _NO_INTERPRETER:
            raise LocalCloudUnavailable("no Python 3.13/3.12 for LocalStack and the SAM CLI")
        if installed.returncode != 0:
            raise RuntimeError("infra/local/install.sh failed (see its output above)")

        status = _run(["bash", str(SCRIPTS / "localstack.sh"), "status"]).returncode
        if status == 0:
            found = _run(["bash", str(SCRIPTS / "localstack.sh"), "endpoint"])
            _endpoint = found.stdout.strip()
            return _endpoint
        if status != _NOT_RUNNING:
            raise RuntimeError("LocalStack runs but does not answer; see localstack.sh logs")

        settings = {
            "LOCALSTACK_PORT": os.environ.get("LOCALSTACK_PORT") or str(_free_port()),
            # Functions run with the interpreter running the tests: it has the project installed.
            "LAMBDA_PROCESS_PYTHON": os.environ.get("LAMBDA_PROCESS_PYTHON") or sys.executable,
        }
        started = _run(["bash", str(SCRIPTS / "localstack.sh"), "start"], settings)
        if started.returncode != 0:
            raise RuntimeError("infra/local/localstack.sh start failed (see its output above)")
        atexit.register(_stop)
        _endpoint = started.stdout.strip().splitlines()[-1]
        return _endpoint


def deploy(
    template_path: str | Path, stack_name: str, parameters: dict[str, str]
) -> dict[str, str]:
    """Deploy a SAM template with ``sam deploy`` and return the stack outputs."""
    endpoint = ensure_localstack()
    overrides = [f"{key}={value}" for key, value in parameters.items()]
    result = _run(
        ["bash", str(SCRIPTS / "deploy.sh"), str(template_path), stack_name, *overrides],
        {"LOCALSTACK_ENDPOINT": endpoint},
    )
    if result.returncode != 0:
        raise RuntimeError(f"deploying {template_path} as {stack_name} failed (output above)")
    outputs: dict[str, str] = json.loads(result.stdout)
    return outputs


def rest_api_url(api_id: str, stage: str) -> str:
    """Base URL of a deployed REST API (API Gateway v1) stage, without a trailing slash."""
    return f"{ensure_localstack()}/_aws/execute-api/{api_id}/{stage}"


def client(service: str) -> Any:
    """A boto3 client for ``service`` that talks to the local cloud, never to a real account."""
    return localcloud.client(service, ensure_localstack(), REGION)
