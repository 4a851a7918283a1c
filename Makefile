# Django Sessions, live: `make run` to learn, `make test` to check,
# `make serve` to host it for a class (see README, "Hosting a class").
#
# Django 6.1 needs Python 3.12 or newer. We look for one on PATH, then among
# pyenv's and uv's installed versions; PYTHON=/path/to/python3.12 overrides.

PORT ?= 8000
# `make serve`: the address to listen on (0.0.0.0 for every interface) and the
# number of gunicorn workers (empty: chosen from the CPU count, config/serve.py).
HOST ?= 127.0.0.1
WORKERS ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The first interpreter that is 3.12+ and actually runs (a pyenv shim for a
# version that is not selected exits with an error, and is skipped).
PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
	$$(ls -d $$HOME/.local/share/uv/python/cpython-3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { command -v $$candidate; break; }; done)

.PHONY: run serve test test-servers bench bench-class lint format migrate install clean

run: install migrate
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Class hosting: gunicorn, several workers, DEBUG off, static files by WhiteNoise.
# The environment is checked first (one line per problem), then the database is
# migrated and static files collected into var/static, then config/serve.py
# runs `check --deploy` and becomes gunicorn.
serve: export DJANGO_DEBUG = 0
serve: install
	@$(BIN)/python -m config.serve --preflight --workers "$(WORKERS)"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@$(BIN)/python -m config.serve --workers "$(WORKERS)" --bind "$(HOST):$(PORT)"

# The whole suite twice: on the embedded stores (SQLite, local memory; the
# server-side tests on every core, then the browser tests in one Chromium), then
# on PostgreSQL and Redis started from the system's binaries for the run
# (skipped, saying why, where they are not installed).
test: install lint
	$(BIN)/pytest --numprocesses auto --ignore=tests/browser
	$(BIN)/pytest tests/browser
	$(BIN)/pytest --real-servers

# Only the run on PostgreSQL and Redis (browser tests skipped: they check pages).
test-servers: install
	$(BIN)/pytest --real-servers

# Requests per second through Django's SessionMiddleware and the lab's, side by side.
bench: install
	$(BIN)/python -m tests.benchmarks.middleware

# A class under load: LEARNERS learners for SECONDS seconds against `make serve`
# on Redis and PostgreSQL (started for the run unless REDIS_URL and DATABASE_URL
# are set): requests/s, p50/p95, errors and lost writes.
LEARNERS ?= 40
SECONDS ?= 20
bench-class: install
	$(BIN)/python -m tests.benchmarks.class_load --learners $(LEARNERS) \
		--seconds $(SECONDS) --workers "$(WORKERS)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input

install: $(STAMP)

$(STAMP): requirements.txt
	@if [ ! -x $(BIN)/python ]; then \
		if [ -z "$(PYTHON)" ]; then \
			echo "No Python 3.12+ found: install one (e.g. 'pyenv install 3.13' or your OS's python3.13), or run 'make PYTHON=/path/to/python3.12'." >&2; \
			exit 1; \
		fi; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
