"""A LocalStack runtime executor that runs each Python execution environment as a local process.

LocalStack only ships a Docker executor. On machines without a Docker engine this one starts the
runtime in ``runtime/_localstack_process_runtime.py`` with the interpreter named by
``LAMBDA_PROCESS_PYTHON`` (an interpreter whose site-packages hold the function's dependencies,
playing the role of layers). It speaks the same callback protocol as LocalStack's init binary.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

from localstack import config
from localstack.services.lambda_.invocation.executor_endpoint import (
    ExecutorEndpoint,
    StatusErrorException,
)
from localstack.services.lambda_.invocation.lambda_models import FunctionVersion, InvocationResult
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)
from localstack.utils.net import get_free_tcp_port

LOG = logging.getLogger(__name__)

RUNTIME_SCRIPT = Path(__file__).parent / "runtime" / "_localstack_process_runtime.py"

# Variables of LocalStack's own environment that the function process inherits. Everything else
# (LocalStack's settings, the developer's AWS profile) stays out, as in a real sandbox.
INHERITED_VARIABLES = (
    "PATH",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
)

STOP_GRACE_SECONDS = 3.0
LOG_TAIL_BYTES = 64 * 1024


def function_python() -> str:
    """The interpreter that runs functions: ``LAMBDA_PROCESS_PYTHON``, else LocalStack's own."""
    return os.environ.get("LAMBDA_PROCESS_PYTHON") or sys.executable


def _log_dir() -> Path:
    # Beside the unzipped code (LocalStack unzips into the temp dir too), not in config.dirs.tmp,
    # which LocalStack deletes on shutdown: the logs help most after a failed run.
    path = Path(tempfile.gettempdir()) / "lambda-process"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ProcessRuntimeExecutor(RuntimeExecutor):
    """Runs one Lambda execution environment as a process group on this host."""

    executor_endpoint: ExecutorEndpoint
    process: subprocess.Popen[bytes] | None

    def __init__(self, id: str, function_version: FunctionVersion) -> None:
        super().__init__(id=id, function_version=function_version)
        self.port = get_free_tcp_port()
        self.executor_endpoint = ExecutorEndpoint(
            self.id, container_address="127.0.0.1", container_port=self.port
        )
        self.process = None
        self.log_path = _log_dir() / f"{function_version.id.function_name}-{self.id}.log"
        self._log_file: IO[bytes] | None = None

    def _environment(self, env_vars: dict[str, str]) -> dict[str, str]:
        env = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
        # Keep the developer's AWS config files away from the function: it must only see the
        # credentials and endpoint LocalStack hands it.
        env["AWS_CONFIG_FILE"] = os.devnull
        env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
        env["PYTHONUNBUFFERED"] = "1"
        # LocalStack passes memory size and timeout as ints.
        env.update({key: str(value) for key, value in env_vars.items()})
        code = self.function_version.config.code
        if code is None:  # image functions; start() refuses them before getting here
            raise LambdaRuntimeException("The process executor needs a zip-packaged function")
        code_dir = str(code.get_unzipped_code_location())
        env["LAMBDA_TASK_ROOT"] = code_dir
        # The handler's directory comes first on sys.path, as /var/task does on Lambda, then the
        # layers' python/ folders (/opt/python there); the interpreter's site-packages follow.
        paths = [code_dir, *self._layer_paths(), env.get("PYTHONPATH")]
        env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
        env["_LAMBDA_PROCESS_PORT"] = str(self.port)
        return env

    def _layer_paths(self) -> list[str]:
        paths = []
        for layer in self.function_version.config.layers or []:
            if layer.code is not None:
                python_dir = Path(layer.code.get_unzipped_code_location()) / "python"
                if python_dir.is_dir():
                    paths.append(str(python_dir))
        return paths

    def start(self, env_vars: dict[str, str]) -> None:
        """Start the environment's process and wait until its runtime reports ready."""
        runtime = self.function_version.config.runtime or ""
        if not runtime.startswith("python"):
            raise LambdaRuntimeException(
                f"The process executor runs Python functions only, not '{runtime or 'image'}'"
            )
        self.executor_endpoint.start()
        env = self._environment(env_vars)
        self._log_file = self.log_path.open("ab")
        LOG.debug("Starting process environment %s on port %s", self.id, self.port)
        self.process = subprocess.Popen(
            [function_python(), str(RUNTIME_SCRIPT)],
            env=env,
            cwd=env["LAMBDA_TASK_ROOT"],
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            # Its own process group, so stop() ends the runtime and everything it started.
            start_new_session=True,
        )
        threading.Thread(
            target=self._watch_startup, name=f"lambda-process-{self.id}", daemon=True
        ).start()
        self.executor_endpoint.wait_for_startup()

    def _watch_startup(self) -> None:
        """Fail the startup at once if the process dies before reporting ready."""
        process = self.process
        if process is None:
            return
        code = process.wait()
        future = self.executor_endpoint.startup_future
        if future is not None and not future.done():
            payload = {
                "errorType": "Runtime.ExitError",
                "errorMessage": f"Runtime exited with status {code} before it was ready: "
                f"{self.get_logs()[-2000:]}",
                "stackTrace": [],
            }
            future.set_exception(
                StatusErrorException(
                    "Environment startup failed", payload=json.dumps(payload).encode()
                )
            )

    def stop(self) -> None:
        """Terminate the process group (SIGTERM, then SIGKILL) and unregister the endpoint."""
        process = self.process
        if process is not None and process.poll() is None:
            for sig, wait in ((signal.SIGTERM, STOP_GRACE_SECONDS), (signal.SIGKILL, None)):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if process is not None:
            # The runtime's own children (the worker) share its group: make sure none stay.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        try:
            self.executor_endpoint.shutdown()
        except Exception as e:
            LOG.debug("Error while stopping executor endpoint %s: %s", self.id, e)

    def get_address(self) -> str:
        """Address LocalStack uses to reach the runtime."""
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        """Address the runtime uses to reach LocalStack: the same host."""
        return "127.0.0.1"

    def get_runtime_endpoint(self) -> str:
        """Base URL of the callbacks for this environment."""
        port = config.GATEWAY_LISTEN[0].port
        return f"http://127.0.0.1:{port}{self.executor_endpoint.get_endpoint_prefix()}"

    def invoke(self, payload: dict[str, str]) -> InvocationResult:
        """Send one invocation and wait for its result."""
        return self.executor_endpoint.invoke(payload)

    def get_logs(self) -> str:
        """The end of the environment's log (runtime messages and function output)."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(0, os.SEEK_END)
                log.seek(max(0, log.tell() - LOG_TAIL_BYTES))
                return log.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    @classmethod
    def prepare_version(cls, function_version: FunctionVersion) -> None:
        """Unzip the function's code and its layers where :meth:`start` expects them."""
        if function_version.config.code:
            function_version.config.code.prepare_for_execution()
        for layer in function_version.config.layers or []:
            if layer.code is not None:
                layer.code.prepare_for_execution()

    @classmethod
    def cleanup_version(cls, function_version: FunctionVersion) -> None:
        """Nothing to undo: LocalStack removes the unzipped code itself."""

    @classmethod
    def validate_environment(cls) -> bool:
        """Warn when the function interpreter does not exist."""
        python = function_python()
        if not os.access(python, os.X_OK):
            LOG.warning("LAMBDA_PROCESS_PYTHON=%s is not an executable interpreter", python)
            return False
        return True
