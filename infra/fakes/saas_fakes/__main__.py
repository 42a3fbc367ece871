"""`python -m saas_fakes`: run all four fakes (see `saas_fakes.cli`)."""

from saas_fakes.cli import main

raise SystemExit(main())
