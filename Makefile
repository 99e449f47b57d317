# The README's two commands are `make demo` and `make test`; each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The package is installed as a wheel (not editable: setuptools' editable modes all print
# a boxed warning), and again whenever a file of it changes, so .venv/bin/circleci-py is
# always the checkout's. Tests, docs and mypy read the checkout itself.
SOURCES := $(shell find circleci -name '*.py' -o -name py.typed) circleci_pytest_plugin.py

.PHONY: install test docs lint demo bench dist clean spec

install: $(STAMP)

$(STAMP): pyproject.toml setup.py README.md $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	rm -rf build
	$(BIN)/python -m pip install --quiet '.[dev,bench]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/python -m ruff check circleci circleci_pytest_plugin.py demo tests bench spec
	$(BIN)/python -m ruff format --check circleci circleci_pytest_plugin.py demo tests bench spec
	$(BIN)/python -m mypy

demo: $(STAMP)
	$(BIN)/python -m demo $(DEMO_ARGS)

# Regenerate what is derived from the vendored specs in spec/ (types, the fake's schemas, docs tables).
spec: $(STAMP)
	$(BIN)/python spec/generate.py

bench: $(STAMP)
	$(BIN)/python -m bench

# The sdist and the wheel in dist/, built from the checkout without downloading a build
# backend (the dev extra has setuptools), and checked with twine.
dist: $(STAMP)
	rm -rf dist build
	$(BIN)/python -m build --no-isolation --outdir dist .
	$(BIN)/python -m twine check --strict dist/*

clean:
	rm -rf $(VENV) docs/_build .coverage htmlcov .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
