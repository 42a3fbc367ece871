"""Expand/contract, checked: the release before the newest migration runs on the new schema.

During a deploy (and after a rollback) the previous release's code serves traffic while the
database already has the newest migration (docs/deploy.md). This test takes that previous release
from git (the parent of the commit that added the newest migration file), puts the current
migration files in place of its own, and runs that release's own key service tests: booking,
rules and credits, and the API handlers, against a database migrated with every current
migration. A migration that drops, renames or tightens something the previous code uses fails
here before it can fail a deploy.

Needs git history: CI checks out with full depth. In a tree whose newest migration is not
committed yet, the previous release is HEAD itself. Packages the previous release declares and
this environment lacks (or has in a version it excludes) are installed for the run into a
directory of the test's own, ahead of the environment's on the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from importlib import metadata
from io import BytesIO
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from booking.adapters.postgres.migrate import DEFAULT_MIGRATIONS_DIR, migration_files

ROOT = Path(__file__).resolve().parents[2]
# The previous release's tests that exercise its services against the database.
KEY_TESTS = (
    "tests/integration/test_rules_and_credits.py",
    "tests/integration/test_api_handlers.py",
)
# What of the previous release is needed to run its tests.
TREE = (
    "shared",
    "tests",
    "infra/fakes",
    "infra/statemachines",
    "functions",
    "events",
    "pyproject.toml",
)


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def previous_release(newest: Path) -> str:
    """The commit whose code must run on a schema that includes ``newest``."""
    rel = newest.relative_to(ROOT).as_posix()
    added = _git("log", "--diff-filter=A", "--format=%H", "-n", "1", "--", rel)
    if not added:
        return _git("rev-parse", "HEAD")  # not committed yet: HEAD is the release before it
    parents = _git("rev-list", "--parents", "-n", "1", added).split()
    if len(parents) < 2:
        pytest.skip(f"{rel} came with the first commit: there is no release before it")
    return parents[1]


def _extract(commit: str, into: Path) -> None:
    present = [p for p in TREE if _git("ls-tree", "--name-only", commit, p)]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, *present],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def missing_requirements(pyproject: Path) -> list[str]:
    """The previous release's dependencies this environment does not satisfy."""
    declared = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    missing = []
    for text in declared:
        req = Requirement(text)
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            missing.append(text)
            continue
        if req.specifier and not req.specifier.contains(version, prereleases=True):
            missing.append(text)
    return missing


@pytest.mark.slow
def test_previous_release_runs_on_the_newest_schema(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("no git checkout: the previous release cannot be read")
    try:
        _git("rev-parse", "HEAD")
    except subprocess.CalledProcessError:
        pytest.skip("no git history")
    newest = migration_files(DEFAULT_MIGRATIONS_DIR)[-1]
    commit = previous_release(newest)
    old = tmp_path / "previous"
    _extract(commit, old)

    # The previous code, the current schema: every current migration file replaces its own.
    migrations = old / "infra" / "db" / "migrations"
    shutil.rmtree(migrations, ignore_errors=True)
    shutil.copytree(DEFAULT_MIGRATIONS_DIR, migrations)

    path = [old / "shared", old / "infra" / "fakes", old]
    missing = missing_requirements(old / "pyproject.toml")
    if missing:
        overlay = tmp_path / "packages"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                str(overlay),
                *missing,
            ],
            check=True,
            timeout=600,
        )
        path.append(overlay)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(p) for p in path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # The previous release's package, not the one installed in the venv, must be the one tested.
    where = subprocess.run(
        [sys.executable, "-c", "import booking; print(booking.__file__)"],
        cwd=old,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(old)), where

    tests = [t for t in KEY_TESTS if (old / t).exists()]
    assert tests, f"none of {KEY_TESTS} exists at {commit}"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *tests],
        cwd=old,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    tail = "\n".join(run.stdout.splitlines()[-25:])
    assert run.returncode == 0, (
        f"the release before {newest.name} ({commit[:10]}) fails on the schema with it:\n{tail}"
    )
