# The booking platform: `make run` brings the platform up locally, `make test` runs every test.
# Both install what they need (.venv for the project; LocalStack and SAM CLI in .venvs/).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/booking
STAMP := $(VENV)/.installed

.PHONY: help venv test test-fast lint format migrate seed run stop token bench sam-validate \
        localcloud-install replay-dlq clean

help:
	@echo "make run      - bring up LocalStack + PostgreSQL schema/seed + the deployed API, print what to try"
	@echo "make stop     - stop everything make run started"
	@echo "make test     - run unit, integration and end-to-end tests"
	@echo "make lint     - ruff + mypy + sam validate --lint"
	@echo "make migrate  - apply SQL migrations to DATABASE_URL ($(DATABASE_URL))"
	@echo "make seed     - add demo locations, bays, members and the default rules"
	@echo "make token ROLE=member USER=alice@example.com - print a dev JWT (ROLE=staff LOCATIONS=<slug>[,...] or '*')"
	@echo "make bench    - run the benchmarks (tables + bench/results/)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	@$(MAKE) --no-print-directory sam-validate

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

run: $(STAMP) localcloud-install
	@bash infra/local/run.sh

stop:
	@bash infra/local/stop.sh

token: $(STAMP)
	@$(BIN)/python -m booking_cli.devtokens --role "$(or $(ROLE),member)" --user "$(USER_EMAIL)$(USER)" --locations "$(LOCATIONS)"

bench: $(STAMP)
	$(BIN)/python -m bench

replay-dlq: $(STAMP)
	$(BIN)/python -m booking_cli.dlq_replay

clean:
	rm -rf .run .aws-sam .pytest_cache .mypy_cache .ruff_cache
