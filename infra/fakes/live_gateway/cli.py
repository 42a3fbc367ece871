"""Run the WebSocket stand-in until stopped, calling the live function deployed in LocalStack.

    python -m live_gateway --localstack "$LOCALSTACK_ENDPOINT" --stack-name booking-local \\
        --urls-file .run/live.json --pidfile .run/live.pid

The function is the stack's ``LiveFunctionName`` output, looked up on the first connection (so
the stand-in can start before the stack is deployed and its management URL be a deploy
parameter). The URLs file holds ``{"ws_url", "management_url"}``. Stop with SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from pathlib import Path
from types import FrameType

from live_gateway.gateway import LiveGateway, invoke_in_localstack


def _function_from_stack(endpoint: str, stack_name: str, region: str) -> str:
    from booking_cli import localcloud

    cfn = localcloud.client("cloudformation", endpoint, region)
    outputs = cfn.describe_stacks(StackName=stack_name)["Stacks"][0].get("Outputs", [])
    for out in outputs:
        if out["OutputKey"] == "LiveFunctionName":
            return str(out["OutputValue"])
    raise RuntimeError(f"stack {stack_name} has no LiveFunctionName output")


def main(argv: list[str] | None = None) -> int:
    """Start, write the URLs file and pidfile, serve until SIGTERM/SIGINT."""
    parser = argparse.ArgumentParser(prog="python -m live_gateway", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--ws-port", type=int, default=0)
    parser.add_argument("--http-port", type=int, default=0)
    parser.add_argument("--stage", default="local")
    parser.add_argument("--localstack", default=os.environ.get("LOCALSTACK_ENDPOINT", ""))
    parser.add_argument("--region", default="us-east-1")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--function-name")
    group.add_argument("--stack-name")
    parser.add_argument("--urls-file", type=Path)
    parser.add_argument("--pidfile", type=Path)
    args = parser.parse_args(argv)
    if not args.localstack:
        parser.error("--localstack (or LOCALSTACK_ENDPOINT) is required")

    function = args.function_name or (
        lambda: _function_from_stack(args.localstack, args.stack_name, args.region)
    )
    gateway = LiveGateway(
        invoke_in_localstack(function, args.localstack, args.region),
        host=args.host,
        ws_port=args.ws_port,
        http_port=args.http_port,
        stage=args.stage,
    ).start()
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.urls_file:
        args.urls_file.write_text(
            json.dumps({"ws_url": gateway.ws_url, "management_url": gateway.management_url})
        )
    if args.pidfile:
        args.pidfile.write_text(str(os.getpid()))
    print(f"live gateway: {gateway.ws_url} (management {gateway.management_url})", flush=True)
    try:
        stop.wait()
    finally:
        gateway.stop()
        if args.pidfile and args.pidfile.exists():
            args.pidfile.unlink()
    return 0
