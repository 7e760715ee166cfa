# The front door. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes: the suite runs on every core (set PYTEST_WORKERS=0 for one process).
PYTEST_WORKERS ?= auto
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test deploy-check lint format bench install install-dev migrate demo worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt tests/oidc/package-lock.json $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	# The real OpenID Connect provider the single sign-on tests start (tests/oidc_provider.py).
	npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Serve the app with the demo district on 127.0.0.1:$(PORT), with the background worker.
run: install
	PORT=$(PORT) scripts/run.sh

## Serve the demo with the production setup (DEBUG off, gunicorn, collected static files) on 127.0.0.1:$(PORT).
serve: install
	PORT=$(PORT) scripts/serve.sh

## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
test: install-dev
	scripts/ensure-browser.sh
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=topoflicense.settings_test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## The deploy of docs/deploy.md on a clean copy, then every page of every demo persona (see the script).
deploy-check: install-dev
	scripts/deploy-check.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmark: prints a table and writes .bench/results.json (see docs/benchmarks.md).
bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .bench staticfiles
