"""What a function loads at import (its cold start): only what its requests need.

Each check imports a module in a fresh interpreter and looks at ``sys.modules``, so the figures
of ``bench/coldstart.py`` do not creep back up through one eager import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from booking.adapters.postgres import repositories
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork, _Repository

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(module: str) -> set[str]:
    """The modules in ``sys.modules`` after importing ``module`` in a new interpreter."""
    probe = f"import importlib, json, sys; importlib.import_module({module!r}); "
    probe += "print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_every_repository_of_the_unit_of_work_names_a_repository_class():
    named = {
        name: attr._class_name
        for name, attr in vars(PostgresUnitOfWork).items()
        if isinstance(attr, _Repository)
    }
    assert len(named) == 21
    for class_name in named.values():
        assert isinstance(getattr(repositories, class_name), type)


def test_the_repositories_package_exports_what_it_lists():
    for name in repositories.__all__:
        assert getattr(repositories, name).__name__ == name
    with pytest.raises(AttributeError):
        _ = repositories.NoSuchRepository


def test_the_unit_of_work_loads_no_repository_before_it_is_used():
    loaded = loaded_after("booking.adapters.postgres.unit_of_work")
    repos = {m for m in loaded if m.startswith("booking.adapters.postgres.repositories.")}
    # The outbox is the base of the tracking outbox every unit of work writes events through.
    assert repos == {
        "booking.adapters.postgres.repositories.base",
        "booking.adapters.postgres.repositories.outbox",
    }


@pytest.mark.parametrize("function", ["availability", "bookings", "catalog", "live"])
def test_functions_behind_the_authorizer_do_not_load_pyjwt(function: str):
    assert "jwt" not in loaded_after(f"functions.{function}.handler")


def test_the_authorizer_loads_pyjwt_at_init():
    assert "jwt" in loaded_after("functions.authorizer.handler")


def test_bookings_loads_the_idempotency_layer_and_boto3_only_for_a_keyed_create():
    loaded = loaded_after("functions.bookings.handler")
    assert "boto3" not in loaded
    assert "aws_lambda_powertools.utilities.idempotency" not in loaded


def test_the_docs_function_serves_its_generated_document_without_the_routes():
    loaded = loaded_after("functions.docs.handler")
    assert not {"pydantic", "psycopg", "booking.api.errors", "booking.api.bookings"} & loaded


def test_api_models_are_built_on_first_use_not_at_import():
    probe = (
        "import functions.availability.handler, pydantic, sys; "
        "mods = [m for n, m in sys.modules.items() if n.startswith('booking.api.schemas.')]; "
        "print(sum(v.__pydantic_complete__ for m in mods for v in vars(m).values() "
        "if isinstance(v, type) and issubclass(v, pydantic.BaseModel)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split()[-1] == "0"


def test_a_function_loads_the_models_of_its_own_area_only():
    loaded = loaded_after("functions.availability.handler")
    areas = {m for m in loaded if m.startswith("booking.api.schemas.")}
    assert areas == {"booking.api.schemas.common", "booking.api.schemas.availability"}


def test_the_schemas_package_exports_what_it_lists():
    from booking.api import schemas

    for name in schemas.__all__:
        assert getattr(schemas, name) is not None
    with pytest.raises(AttributeError):
        _ = schemas.NoSuchModel


def test_the_kiosk_looks_customers_up_without_the_language_parser():
    loaded = loaded_after("functions.kiosk.handler")
    assert not {"booking.domain.language.parser", "booking.services.clubos.bridge"} & loaded
    assert "dateparser" not in loaded_after("functions.clubos.handler")
