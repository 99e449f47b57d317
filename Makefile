# The README's two commands are `make demo` and `make test`; each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test docs lint demo bench clean spec

install: $(STAMP)

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/python -m ruff check circleci demo tests bench spec
	$(BIN)/python -m ruff format --check circleci demo tests bench spec
	$(BIN)/python -m mypy

demo: $(STAMP)
	$(BIN)/python -m demo

# Regenerate what is derived from the vendored specs in spec/ (types, the fake's schemas, docs tables).
spec: $(STAMP)
	$(BIN)/python spec/generate.py

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) docs/_build .coverage htmlcov .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
