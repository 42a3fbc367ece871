"""``python -m bench.loadtest``: run the load test headless and print its tables.

Two ways to run it:

* ``--url URL``: members call a deployed API over HTTP (``make loadtest URL=...``). Tokens come
  from ``--members FILE`` (``{"members": [{"token", "user_id"}]}``), or, for the local stack
  ``make run`` brought up, load-test members are created in its database and signed with its
  secret.
* ``--in-process``: Locust's worker processes invoke the Lambda handlers themselves (one
  request at a time per process, as an execution environment serves them) against a fresh
  database of this run behind PgBouncer in transaction mode (``make loadtest-inprocess``).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import subprocess
import sys
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from bench.loadtest import report
from bench.loadtest.members import write_members_file

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def _local_stack_members(url: str, count: int, out: Path) -> Path:
    endpoints = json.loads((ROOT / ".run" / "endpoints.json").read_text())
    if endpoints["api_url"].rstrip("/") != url.rstrip("/"):
        raise SystemExit("--members FILE is needed for an API other than the local stack's")
    secret = (ROOT / ".run" / "jwt_secret").read_text().strip()
    return write_members_file(out, endpoints["database_url"], count, secret)


def main() -> None:
    """Parse the options, prepare members (and the database for in-process), run Locust."""
    parser = argparse.ArgumentParser(description=__doc__)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a deployed API stage")
    where.add_argument("--in-process", action="store_true", help="invoke the handlers here")
    parser.add_argument("--members", type=Path, help="tokens file for --url")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=20.0)
    parser.add_argument("--run-time", default="2m")
    parser.add_argument("--processes", type=int, default=4, help="Locust worker processes")
    parser.add_argument("--pool-size", type=int, default=20, help="PgBouncer server connections")
    args = parser.parse_args()

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    mode = "inprocess" if args.in_process else "http"
    work = RESULTS / f"loadtest-{mode}-{stamp}"
    work.mkdir(parents=True, exist_ok=True)
    members_file = work / "members.json"
    env = {**os.environ, "LOADTEST_PROCESSES": str(args.processes)}
    with ExitStack() as stack:
        if args.in_process:
            from bench.db import bench_database
            from bench.loadtest.pgbouncer import pgbouncer

            url = stack.enter_context(bench_database())
            secret = secrets.token_urlsafe(32)
            write_members_file(members_file, url, args.users, secret)
            pooled = stack.enter_context(pgbouncer(url, pool_size=args.pool_size))
            key = base64.b64encode(os.urandom(32)).decode()
            env.update(
                DATABASE_URL=pooled,
                DATABASE_PREPARED_STATEMENTS="false",  # transaction pooling, as behind RDS Proxy
                JWT_SECRET=secret,
                PASS_KEYS=json.dumps({"current": {"kid": "load", "key": key}}),
                POWERTOOLS_LOG_LEVEL="WARNING",
                POWERTOOLS_METRICS_DISABLED="1",
                LOADTEST_IN_PROCESS="1",
            )
            env.pop("EVENT_BUS_NAME", None)  # events stay in the outbox, as locally
            user_class, host = "HandlerMember", "http://in-process"
        else:
            if args.members:
                members_file = args.members
            else:
                _local_stack_members(args.url, args.users, members_file)
            user_class, host = "ApiMember", args.url.rstrip("/") + "/"
        env["LOADTEST_MEMBERS"] = str(members_file)
        prefix = work / "locust"
        cmd = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            args.run_time,
            "--host",
            host,
            "--csv",
            str(prefix),
            "--csv-full-history",
            "--only-summary",
            "--stop-timeout",
            "30",
            "--processes",
            str(args.processes),
            user_class,
        ]
        print("running:", " ".join(cmd[2:]), flush=True)
        subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    rows = report.read_stats(prefix)
    title = (
        f"Load test ({'handlers in-process, PgBouncer' if args.in_process else args.url}):"
        f" {args.users} users, {args.run_time}, {args.processes} worker processes"
    )
    report.print_table(title, rows, report.read_failures(prefix))
    report.chart(prefix, title, work / "chart.png")
    summary = {
        "mode": mode,
        "users": args.users,
        "run_time": args.run_time,
        "processes": args.processes,
        "routes": rows,
        "verdicts": report.verdicts(rows),
        "failures": report.read_failures(prefix),
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=2))
    (RESULTS / f"loadtest-{mode}-latest.json").write_text(json.dumps(summary, indent=2))
    print(f"wrote {work.relative_to(ROOT)}/ (summary.json, chart.png, Locust CSVs)")


if __name__ == "__main__":
    main()
