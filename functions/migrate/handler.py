"""Apply pending schema migrations: a deploy step that runs before new code takes traffic.

Two ways in:

* as the CloudFormation custom resource ``SchemaMigrations`` (template.yaml): every deploy that
  ships a new version of this function (and so of the SQL files it carries in ``migrations/``)
  updates the resource, which runs the migrations; the other functions depend on it, so their
  new versions (and the CodeDeploy traffic shift) come after. A failure fails the deploy before
  any new code runs. Delete does nothing: a schema outlives the stack that migrated it.
* invoked directly (``aws lambda invoke``, e.g. from the pipeline or a runbook) with any event:
  returns ``{"applied": [...]}``.

Migrations run under PostgreSQL's advisory lock (booking.adapters.postgres.migrate), so two
deploys at once never apply a file twice. Migrations are expand/contract (docs/deploy.md): the
code still serving traffic must keep working on the new schema.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import psycopg
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.postgres.migrate import migrate
from booking.config import database_url

logger = Logger(service="migrate")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PHYSICAL_ID = "schema-migrations"
# A new RDS Proxy target takes a minute or two to accept connections after CloudFormation
# reports it created; the first deploy waits for it rather than failing.
CONNECT_ATTEMPTS = 12
CONNECT_PAUSE_SECONDS = 10.0


def apply_pending() -> list[str]:
    """Apply the migrations this package carries; the names applied now."""
    if not any(MIGRATIONS.glob("*.sql")):
        # An empty directory would record nothing and report success: refuse instead.
        raise RuntimeError(f"no migrations found in {MIGRATIONS}")
    url = database_url()
    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        try:
            with psycopg.connect(url, connect_timeout=5):
                break
        except psycopg.OperationalError:
            if attempt == CONNECT_ATTEMPTS:
                raise
            logger.info("database not reachable yet", extra={"attempt": attempt})
            time.sleep(CONNECT_PAUSE_SECONDS)
    return migrate(url, MIGRATIONS)


def _respond(event: dict[str, Any], status: str, reason: str, data: dict[str, Any]) -> None:
    """Send the custom resource's outcome to CloudFormation's pre-signed response URL."""
    body = json.dumps(
        {
            "Status": status,
            "Reason": reason[:900],
            "PhysicalResourceId": event.get("PhysicalResourceId") or PHYSICAL_ID,
            "StackId": event["StackId"],
            "RequestId": event["RequestId"],
            "LogicalResourceId": event["LogicalResourceId"],
            "Data": data,
        }
    ).encode()
    request = urllib.request.Request(
        event["ResponseURL"],
        data=body,
        method="PUT",
        # The URL is pre-signed for an empty content type.
        headers={"Content-Type": "", "Content-Length": str(len(body))},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        reply.read()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run pending migrations; answer CloudFormation when called as a custom resource."""
    if "ResponseURL" not in event:
        applied = apply_pending()
        logger.info("migrations applied", extra={"applied": applied})
        return {"applied": applied}
    if event.get("RequestType") == "Delete":
        _respond(event, "SUCCESS", "schema kept", {})
        return {"applied": []}
    try:
        applied = apply_pending()
    except Exception as exc:
        logger.exception("migration failed")
        _respond(event, "FAILED", f"migration failed: {type(exc).__name__}: {exc}", {})
        return {"applied": [], "error": type(exc).__name__}
    logger.info("migrations applied", extra={"applied": applied})
    _respond(event, "SUCCESS", "ok", {"Applied": ",".join(applied) or "none"})
    return {"applied": applied}
