# The booking platform: `make run` brings the platform up locally, `make test` runs every test.
# Both install what they need (.venv for the project; LocalStack and SAM CLI in .venvs/).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/booking
STAMP := $(VENV)/.installed

.PHONY: help venv test test-fast lint format migrate seed run stop token bench bench-profile loadtest loadtest-inprocess sam-validate \
        localcloud-install replay-dlq clean policy web-install web-build web-lint web-test web-client openapi \
        web-browser web-budgets

help:
	@echo "make run      - bring up LocalStack + PostgreSQL schema/seed + the deployed API, print what to try"
	@echo "make stop     - stop everything make run started"
	@echo "make test     - run unit, integration and end-to-end tests"
	@echo "make lint     - ruff + mypy + sam validate --lint"
	@echo "make policy   - sam build + cfn-lint + checkov + actionlint (the deployable template)"
	@echo "make migrate  - apply SQL migrations to DATABASE_URL ($(DATABASE_URL))"
	@echo "make seed     - add demo locations, bays, members and the default rules"
	@echo "make token ROLE=member USER=alice@example.com - print a dev JWT (ROLE=staff LOCATIONS=<slug>[,...] or '*')"
	@echo "make bench    - run the benchmarks (tables + bench/results/)"
	@echo "make bench-profile [KEY=1] - profile a booking create at one caller (bench/results/)"
	@echo "make loadtest URL=... - the plan's load test against an API (make loadtest-inprocess: handlers + PgBouncer)"
	@echo "make web-build / web-lint / web-test - the web apps (npm workspace in web/)"
	@echo "make web-client  - regenerate web/packages/api-client from the API's OpenAPI"
	@echo "make openapi  - regenerate functions/docs/openapi.json (the docs function's document)"
	@echo "make web-budgets - JS size and time-to-grid / time-to-booking on the local stack"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

venv: $(STAMP)

# End-to-end tests last: their deployed functions keep database connections open until the run
# ends, and the integration races need up to 50 connections of the server's 100. The browser
# tests (tests/e2e/web) need the built apps and Debian's Chromium.
test: $(STAMP) web-test web-build web-browser
	$(BIN)/pytest -q -p no:cacheprovider tests/unit tests/integration tests/e2e

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not e2e"

lint: $(STAMP) web-lint
	$(BIN)/ruff check .
	$(BIN)/mypy
	@$(MAKE) --no-print-directory sam-validate

policy:
	@bash infra/ci/policy.sh

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

localcloud-install:
	@bash infra/local/install.sh

sam-validate: localcloud-install
	@if [ -f template.yaml ]; then SAM_CLI_TELEMETRY=0 .venvs/sam/bin/sam validate --lint --region us-east-1 -t template.yaml; fi

migrate: $(STAMP)
	$(BIN)/python -m booking.adapters.postgres.migrate --create

seed: migrate
	$(BIN)/python -m booking_cli.seed

run: $(STAMP) localcloud-install web-build
	@bash infra/local/run.sh

stop:
	@bash infra/local/stop.sh

token: $(STAMP)
	@$(BIN)/python -m booking_cli.devtokens --role "$(or $(ROLE),member)" --user "$(USER_EMAIL)$(USER)" --locations "$(LOCATIONS)"

bench: $(STAMP)
	$(BIN)/python -m bench

# Where a create's time goes at one caller: pyinstrument's tree and the shares, in bench/results/
# (KEY=1: with an Idempotency-Key).
bench-profile: $(STAMP)
	$(BIN)/python -m bench profile $(if $(KEY),--key)

LOAD_STAMP := $(VENV)/.installed-load
$(LOAD_STAMP): $(STAMP)
	@$(BIN)/python -m pip install -q -e '.[dev,load]'
	@touch $@

# The plan's load test over HTTP against any API stage: make loadtest URL=https://... [USERS=100]
# (with no MEMBERS=tokens.json, URL must be the local stack's: its members are made for you).
loadtest: $(LOAD_STAMP)
	@test -n "$(URL)" || { echo "usage: make loadtest URL=<api base url> [USERS=n] [RUN_TIME=2m] [MEMBERS=file]"; exit 2; }
	$(BIN)/python -m bench.loadtest --url "$(URL)" --users "$(or $(USERS),100)" \
	    --run-time "$(or $(RUN_TIME),2m)" $(if $(MEMBERS),--members "$(MEMBERS)")

# The same journeys with the handlers invoked in Locust's worker processes, PostgreSQL behind
# PgBouncer (installed from Debian when missing), 1,000 users by default.
loadtest-inprocess: $(LOAD_STAMP)
	@command -v pgbouncer >/dev/null || test -x /usr/sbin/pgbouncer || \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends pgbouncer; }
	$(BIN)/python -m bench.loadtest --in-process --users "$(or $(USERS),1000)" \
	    --run-time "$(or $(RUN_TIME),2m)" --processes "$(or $(PROCESSES),6)"

replay-dlq: $(STAMP)
	$(BIN)/python -m booking_cli.dlq_replay

clean:
	rm -rf .run .aws-sam .pytest_cache .mypy_cache .ruff_cache

# ---- web/: the customer, admin and kiosk apps (npm workspace, exact versions, lock file) ----
WEB_STAMP := web/node_modules/.installed

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web-install: $(WEB_STAMP)

web-build: $(WEB_STAMP)
	cd web && npm run build --silent

web-lint: $(WEB_STAMP)
	cd web && npx biome check . && npm run typecheck --silent

web-test: $(WEB_STAMP)
	cd web && npx vitest run

web-client: $(STAMP) $(WEB_STAMP) openapi
	cd web && npm run api-client

# The docs function serves this file instead of building every route's models at cold start.
openapi: $(STAMP)
	$(BIN)/python -m booking_cli.openapi

# Debian's Chromium for the browser tests (browser downloads by test tools fail here).
web-browser:
	@bash web/scripts/ensure-chromium.sh

web-budgets: $(STAMP) web-build web-browser localcloud-install
	$(BIN)/python web/scripts/budgets.py
