# PowerWith: `make demo` runs the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
AXE := .tools/node_modules/axe-core/axe.min.js
export DJANGO_SETTINGS_MODULE ?= powerwith.config.settings.dev

.PHONY: demo test test-sqlite test-postgres lint bench install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(AXE):
	mkdir -p .tools
	npm install --silent --no-audit --no-fund --prefix .tools axe-core@4

demo: $(STAMP)
	$(BIN)/powerwith demo --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: $(STAMP) $(AXE) lint test-sqlite test-postgres

test-sqlite: $(STAMP) $(AXE)
	DJANGO_SETTINGS_MODULE=powerwith.config.settings.test DATABASE_URL= $(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile

# Runs against the PostgreSQL server in DATABASE_URL, or starts a throwaway one (scripts/pg.sh).
test-postgres: $(STAMP) $(AXE)
	@url="$${POWERWITH_TEST_PG:-}"; \
	if [ -z "$$url" ]; then url=$$(scripts/pg.sh) || { \
	  if [ -n "$$CI" ]; then echo "PostgreSQL is required in CI" >&2; exit 1; fi; \
	  echo "PostgreSQL not installed here: skipping the PostgreSQL run (CI runs it)"; exit 0; }; fi; \
	DJANGO_SETTINGS_MODULE=powerwith.config.settings.test DATABASE_URL="$$url" $(BIN)/pytest -p no:cacheprovider -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .tools var/*.sqlite3*
