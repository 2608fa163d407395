# Sourced: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
POSTGRES_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := app

.PHONY: install run serve test check-questions test-sqlite test-postgres lint bench eval chromium clean

install: $(STAMP)

# Reinstall only when pyproject.toml changes: a second `make install` does nothing slow.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# Production: migrations first, then gunicorn with the settings (each explained) in gunicorn.conf.py.
# SOURCED_ENV defaults to production here, which needs SECRET_KEY; DATABASE_URL names the database.
serve: export SOURCED_ENV ?= production
serve: install
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn --config gunicorn.conf.py

# Debian's Chromium drives the browser tests; Playwright never downloads its own.
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

test: install chromium check-questions test-sqlite test-postgres

# The bank must be valid: every evidence quote verbatim in its article.
check-questions: install
	$(BIN)/flask questions check

test-sqlite: install
	SOURCED_REQUIRE_BROWSER=1 SOURCED_REQUIRE_REDIS=1 TEST_DATABASE_URL= $(BIN)/pytest -p no:cacheprovider

# Each run creates (and drops) its own database on the server, so leftovers never interfere.
test-postgres: install
	SOURCED_REQUIRE_BROWSER=1 SOURCED_REQUIRE_REDIS=1 TEST_DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m benchmarks

# Measured quality of generation: quote attribution (precision and recall, strict full names) and the share of
# each seed's key facts the draft questions cover.
eval: install
	$(BIN)/python -m tests.generation.evaluate
	$(BIN)/python -m tests.generation.eval_drafts

clean:
	rm -rf $(VENV) build *.egg-info
