"""Lambda runtime for one execution environment of LocalStack's process executor.

Standard library only: it runs under the interpreter that holds the function's dependencies.

Two processes per environment, like the sandbox of a real Lambda:

* the *supervisor* (``python _localstack_process_runtime.py``) listens for ``POST /invoke`` from
  LocalStack, reports ``ready`` and sends results, logs and errors back to LocalStack;
* the *worker* (same file, ``--worker``) imports the handler once (the init phase) and runs
  invocations one at a time. A timeout kills only the worker; the next invocation starts a fresh
  one (a new init), as Lambda resets a sandbox after a timeout.

The file lives alone in its directory because that directory becomes ``sys.path[0]``: nothing
else there can shadow a function's own modules.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import queue
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Requests back to LocalStack on 127.0.0.1 must never go through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _log(message: str) -> None:
    """Write a line to the environment log (the supervisor's stderr)."""
    sys.stderr.write(f"[runtime] {message}\n")
    sys.stderr.flush()


def _watch_parent(on_orphaned: Any) -> None:
    """Call ``on_orphaned`` once the process that started this one has gone.

    Polling ``getppid`` instead of ``PR_SET_PDEATHSIG``: the latter fires when the *thread* that
    spawned us ends, and LocalStack starts environments from short-lived pool threads.
    """
    parent = os.getppid()

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        on_orphaned()

    threading.Thread(target=poll, name="parent-watch", daemon=True).start()


# --------------------------------------------------------------------------------------------
# Worker: imports the handler and runs invocations.
# --------------------------------------------------------------------------------------------


class _Capture:
    """Redirect file descriptors 1 and 2 into a temporary file, so that output written by any
    means (print, logging handlers bound to the original streams, C extensions) is collected."""

    def __enter__(self) -> _Capture:
        sys.stdout.flush()
        sys.stderr.flush()
        self._file = tempfile.TemporaryFile()
        self._saved = (os.dup(1), os.dup(2))
        os.dup2(self._file.fileno(), 1)
        os.dup2(self._file.fileno(), 2)
        self.text = ""
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:  # a handler may have closed the streams; the capture still ends
            pass
        os.dup2(self._saved[0], 1)
        os.dup2(self._saved[1], 2)
        os.close(self._saved[0])
        os.close(self._saved[1])
        self._file.seek(0)
        self.text = self._file.read().decode("utf-8", errors="replace")
        self._file.close()


class LambdaContext:
    """The ``context`` argument of a Python Lambda handler."""

    def __init__(self, request_id: str, invoked_arn: str, deadline: float) -> None:
        env = os.environ
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_arn
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.identity = None
        self.client_context = None
        self.tenant_id = None
        self._deadline = deadline

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the function times out."""
        return max(0, int((self._deadline - time.time()) * 1000))

    def log(self, message: str) -> None:
        """Write to the function's log, as the Lambda context does."""
        sys.stdout.write(message)
        sys.stdout.flush()


def _json_default(value: Any) -> Any:
    # The AWS Python runtime serialises Decimal (e.g. from DynamoDB) as a JSON number.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _error(exc: BaseException, error_type: str | None = None, message: str | None = None) -> dict:
    return {
        "errorMessage": str(exc) if message is None else message,
        "errorType": error_type or type(exc).__name__,
        # The runtime's own frames are noise to whoever reads the function's error.
        "stackTrace": traceback.format_list(
            [f for f in traceback.extract_tb(exc.__traceback__) if f.filename != __file__]
        ),
    }


def _load_handler(spec: str) -> Any:
    """Import ``module.function`` (``pkg/module.function`` also allowed) and return the function."""
    module_name, _, function_name = spec.rpartition(".")
    if not module_name or not function_name:
        raise ValueError(f"Bad handler '{spec}': expected 'module.function'")
    module = importlib.import_module(module_name.replace("/", "."))
    return getattr(module, function_name)


def worker_main() -> None:
    """Import the handler, report the outcome, then run invocations read from the pipe."""
    requests_in = os.fdopen(int(os.environ.pop("_LAMBDA_PROCESS_IN_FD")), "rb")
    results_out = os.fdopen(int(os.environ.pop("_LAMBDA_PROCESS_OUT_FD")), "wb")
    os.environ.pop("_LAMBDA_PROCESS_PORT", None)
    _watch_parent(lambda: os._exit(1))

    def send(message: dict) -> None:
        results_out.write(json.dumps(message).encode() + b"\n")
        results_out.flush()

    handler_spec = os.environ.get("_HANDLER", "")
    handler = None
    init_error = None
    with _Capture() as init_output:
        try:
            handler = _load_handler(handler_spec)
        except Exception as exc:
            module = handler_spec.rpartition(".")[0]
            if isinstance(exc, AttributeError):
                init_error = _error(
                    exc,
                    "Runtime.HandlerNotFound",
                    f"Handler '{handler_spec.rpartition('.')[2]}' missing on module '{module}'",
                )
            else:
                init_error = _error(
                    exc, "Runtime.ImportModuleError", f"Unable to import module '{module}': {exc}"
                )
            traceback.print_exc()
    send({"type": "init", "error": init_error, "logs": init_output.text})
    if handler is None:
        return

    for line in requests_in:
        job = json.loads(line)
        request_id = job["invoke-id"]
        os.environ["_X_AMZN_TRACE_ID"] = job.get("trace-id") or ""
        context = LambdaContext(request_id, job["invoked-function-arn"], job["deadline"])
        result: dict[str, Any] = {"type": "result"}
        with _Capture() as output:
            try:
                event = json.loads(job["payload"]) if job["payload"] else {}
                value = handler(event, context)
                try:
                    result["response"] = json.dumps(value, default=_json_default)
                except (TypeError, ValueError) as exc:
                    result["error"] = _error(
                        exc, "Runtime.MarshalError", f"Unable to marshal response: {exc}"
                    )
            except Exception as exc:
                result["error"] = _error(exc)
                # The AWS runtime writes the error to the function log in this form.
                sys.stdout.write(f"[ERROR] {type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        result["logs"] = output.text
        send(result)


# --------------------------------------------------------------------------------------------
# Supervisor: the HTTP side that LocalStack talks to.
# --------------------------------------------------------------------------------------------


class _WorkerGone(Exception):
    """The worker exited (or closed its pipe) before answering."""


class Supervisor:
    """Owns the worker process and turns LocalStack invocations into worker jobs."""

    def __init__(self) -> None:
        env = os.environ
        self.endpoint = env["LOCALSTACK_RUNTIME_ENDPOINT"].rstrip("/")
        self.runtime_id = env["LOCALSTACK_RUNTIME_ID"]
        self.timeout = float(env.get("AWS_LAMBDA_FUNCTION_TIMEOUT") or 3)
        self.jobs: queue.Queue[dict] = queue.Queue()
        self.worker: subprocess.Popen[bytes] | None = None
        self._to_worker: Any = None
        self._from_worker = -1
        self._buffer = b""
        # Output of an init that has not yet been reported with an invocation.
        self.pending_init_logs = ""

    # ---- talking to LocalStack ------------------------------------------------------------

    def post(self, path: str, body: Any) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        request = urllib.request.Request(
            self.endpoint + path,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with _OPENER.open(request, timeout=30) as response:
                response.read()
        except Exception as exc:  # LocalStack may be shutting down; nothing else to tell
            _log(f"POST {path} failed: {exc}")

    # ---- the worker -------------------------------------------------------------------------

    def start_worker(self, deadline: float) -> dict | None:
        """Start a worker and wait for its init until ``deadline``; return its init error."""
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        env = dict(os.environ)
        env["_LAMBDA_PROCESS_IN_FD"] = str(to_worker_r)
        env["_LAMBDA_PROCESS_OUT_FD"] = str(from_worker_w)
        self.worker = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--worker"],
            env=env,
            stdin=subprocess.DEVNULL,
            pass_fds=(to_worker_r, from_worker_w),
        )
        os.close(to_worker_r)
        os.close(from_worker_w)
        self._to_worker = os.fdopen(to_worker_w, "wb")
        self._from_worker = from_worker_r
        self._buffer = b""
        try:
            message = self._read(deadline)
        except TimeoutError:
            self.kill_worker()
            return {
                "errorMessage": "Init timed out",
                "errorType": "Sandbox.Timedout",
                "stackTrace": [],
            }
        except _WorkerGone:
            self.kill_worker()
            return {
                "errorMessage": "Runtime exited during init",
                "errorType": "Runtime.ExitError",
                "stackTrace": [],
            }
        self.pending_init_logs += message.get("logs", "")
        if message.get("error"):
            self.kill_worker()
            return message["error"]
        return None

    def kill_worker(self) -> None:
        if self.worker is not None:
            if self.worker.poll() is None:
                self.worker.kill()
            self.worker.wait()
            self.worker = None
        if self._to_worker is not None:
            with contextlib.suppress(OSError):
                self._to_worker.close()
            self._to_worker = None
        if self._from_worker >= 0:
            os.close(self._from_worker)
            self._from_worker = -1

    def _read(self, deadline: float) -> dict:
        """Read one JSON line from the worker, waiting until ``deadline`` at most."""
        while b"\n" not in self._buffer:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self._from_worker], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(self._from_worker, 1 << 20)
            if not chunk:
                raise _WorkerGone
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    # ---- invocations ------------------------------------------------------------------------

    def run(self) -> None:
        """Serve invocations one at a time, forever."""
        while True:
            self.invoke(self.jobs.get())

    def invoke(self, job: dict) -> None:
        request_id = job["invoke-id"]
        started = time.time()
        version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        logs = f"START RequestId: {request_id} Version: {version}\n"
        error: dict | None = None
        response = b""
        if self.worker is None:
            # A re-init (after a timeout or crash) counts against the invocation's time, as on AWS.
            error = self.start_worker(started + self.timeout)
        logs = self.pending_init_logs + logs
        self.pending_init_logs = ""
        if error is None:
            job["deadline"] = started + self.timeout
            try:
                self._to_worker.write(json.dumps(job).encode() + b"\n")
                self._to_worker.flush()
                message = self._read(job["deadline"])
                logs += message.get("logs", "")
                error = message.get("error")
                response = message.get("response", "null").encode()
            except TimeoutError:
                self.kill_worker()
                text = f"Task timed out after {self.timeout:.2f} seconds"
                now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                logs += f"{now} {request_id} {text}\n"
                error = {"errorMessage": text, "errorType": "Sandbox.Timedout", "stackTrace": []}
            except (_WorkerGone, BrokenPipeError):
                code = self.worker.wait() if self.worker is not None else None
                self.kill_worker()
                text = f"RequestId: {request_id} Error: Runtime exited with exit status {code}"
                error = {"errorMessage": text, "errorType": "Runtime.ExitError", "stackTrace": []}
        duration = (time.time() - started) * 1000
        logs += f"END RequestId: {request_id}\n"
        logs += f"REPORT RequestId: {request_id}\tDuration: {duration:.2f} ms\n"
        sys.stderr.write(logs)
        sys.stderr.flush()
        self.post(f"/invocations/{request_id}/logs", {"logs": logs})
        if error is not None:
            error["requestId"] = request_id
            self.post(f"/invocations/{request_id}/error", error)
        else:
            self.post(f"/invocations/{request_id}/response", response)


def supervisor_main() -> None:
    """Start the worker, listen for invocations and tell LocalStack the environment is ready."""
    supervisor = Supervisor()

    def shutdown(*_: object) -> None:
        supervisor.kill_worker()
        os._exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    _watch_parent(shutdown)

    class InvokeHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/invoke":
                self.send_response(404)
                self.end_headers()
                return
            supervisor.jobs.put(json.loads(body))
            # LocalStack expects an immediate 202; the outcome is posted back later.
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    # Binding happens in the constructor, so connections queue up before serve_forever runs.
    server = ThreadingHTTPServer(
        ("127.0.0.1", int(os.environ["_LAMBDA_PROCESS_PORT"])), InvokeHandler
    )
    threading.Thread(target=server.serve_forever, name="invoke-server", daemon=True).start()

    # The first init is bounded by LocalStack's own startup timeout, which stops the environment.
    init_error = supervisor.start_worker(time.time() + 3600)
    status = f"/status/{supervisor.runtime_id}"
    if init_error is not None:
        # LocalStack returns this payload as the invocation's error (as for a failed init).
        init_error["requestId"] = ""
        sys.stderr.write(supervisor.pending_init_logs)
        supervisor.post(f"{status}/error", init_error)
        signal.pause()  # the executor stops the environment
    supervisor.post(f"{status}/ready", b"")
    supervisor.run()


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        worker_main()
    else:
        supervisor_main()
