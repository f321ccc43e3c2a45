# PowerWith: `make demo` runs the app with demo data; `make test` runs every test.
# Both set themselves up on a fresh machine: a virtual environment in .venv (Python >= 3.11),
# the package and its dev tools, and (for tests) axe-core from npm into .tools/.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
AXE := .tools/node_modules/axe-core/axe.min.js
export DJANGO_SETTINGS_MODULE ?= powerwith.config.settings.dev
# Playwright's Python package drives Debian's /usr/bin/chromium; it must never download one.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# CI installs as root into the project's own .venv: that is fine, so pip need not warn.
export PIP_ROOT_USER_ACTION := ignore

.PHONY: demo test test-sqlite test-postgres lint bench loadtest soak audit install clean

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "PowerWith needs Python 3.11 or newer ($(PY) is older); try: make PY=python3.12" >&2; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(AXE):
	@command -v npm >/dev/null || { echo "npm is needed to install axe-core (apt-get install npm)" >&2; exit 1; }
	mkdir -p .tools
	npm install --silent --no-audit --no-fund --prefix .tools axe-core@4

# Creates var/powerwith.sqlite3, loads the demo (loading twice gives the same demo) and serves it.
demo: $(STAMP)
	$(BIN)/powerwith demo --port $(PORT)

lint: $(STAMP)
	scripts/test.sh lint

# Lint, then the whole suite on SQLite, then on PostgreSQL; a summary with timings at the end.
test: $(STAMP) $(AXE)
	scripts/test.sh lint sqlite postgres

test-sqlite: $(STAMP) $(AXE)
	scripts/test.sh sqlite

# Runs against the PostgreSQL server in POWERWITH_TEST_PG, or starts a throwaway one (scripts/pg.sh).
test-postgres: $(STAMP) $(AXE)
	scripts/test.sh postgres

bench: $(STAMP)
	$(BIN)/python -m bench
	$(BIN)/python -m bench commonground

# A joint event against gunicorn + PostgreSQL on this machine, then counts in the database
# (bench/loadtest.py; LOADTEST_ARGS="--soak 1800" adds the 30-minute soak).
loadtest: $(STAMP)
	$(BIN)/python -m bench.loadtest $(LOADTEST_ARGS)

# The soak alone: 30 minutes of taps at a steady, modest rate, each gunicorn process's memory
# every minute, and whether it stayed flat (bench/README.md, "The soak").
soak: $(STAMP)
	$(BIN)/python -m bench.loadtest --db powerwith_soak --voters 20 --window 0 --stress 0 \
	  --soak 1800 --soak-rate 10 --concurrency 4 $(SOAK_ARGS)

# Known vulnerabilities in every package installed in .venv (PyPI's advisory database, through
# pip-audit). It asks the internet, so it is not part of `make test`; run it before a release
# and at least weekly (README, "Dependencies"). --strict: a package it could not look up fails
# the audit, rather than passing unchecked.
audit: $(STAMP)
	$(BIN)/pip-audit --local --skip-editable --strict --progress-spinner off

clean:
	rm -rf $(VENV) .tools var/*.sqlite3*
