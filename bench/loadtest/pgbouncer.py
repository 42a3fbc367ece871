"""PgBouncer in transaction mode in front of the local PostgreSQL: RDS Proxy's role here.

Many short-lived environments share a few server connections; like RDS Proxy, it pools per
transaction, so the functions run with ``DATABASE_PREPARED_STATEMENTS=false``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

CONFIG = """\
[databases]
{dbname} = host={host} port={port} dbname={dbname} user={user}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
auth_type = trust
auth_file = {dir}/users.txt
pool_mode = transaction
max_client_conn = 5000
default_pool_size = {pool_size}
max_db_connections = {pool_size}
ignore_startup_parameters = extra_float_digits,options
logfile = {dir}/pgbouncer.log
pidfile = {dir}/pgbouncer.pid
"""


def binary() -> str:
    """The pgbouncer executable (Debian's package installs it in /usr/sbin)."""
    found = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(found).exists():
        raise SystemExit("pgbouncer is not installed: `apt-get install -y pgbouncer`")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def pgbouncer(database_url: str, *, pool_size: int = 20) -> Iterator[str]:
    """Run PgBouncer for ``database_url``'s database; yields the URL that goes through it."""
    params = conninfo_to_dict(database_url)
    dbname, user = str(params["dbname"]), str(params.get("user") or "postgres")
    listen_port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    (workdir / "users.txt").write_text(f'"{user}" ""\n')
    (workdir / "pgbouncer.ini").write_text(
        CONFIG.format(
            dbname=dbname,
            host=params.get("host", "127.0.0.1"),
            port=params.get("port", 5432),
            user=user,
            listen_port=listen_port,
            dir=workdir,
            pool_size=pool_size,
        )
    )
    args = [binary(), str(workdir / "pgbouncer.ini")]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root: it drops to the postgres user
        entry = pwd.getpwnam("postgres")
        for path in (workdir, *workdir.iterdir()):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        args = [binary(), "-u", "postgres", str(workdir / "pgbouncer.ini")]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", listen_port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = workdir / "pgbouncer.log"
                    raise RuntimeError(
                        "pgbouncer did not start: " + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.1)
        yield f"postgresql://{user}@127.0.0.1:{listen_port}/{dbname}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)
