# The two commands of the README:
#   make run   installs what running needs and annotates corpus/ into outputs/ (JSONL, review
#              report, commitments register)
#   make test  installs that plus the test and dask extras, and runs the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test install install-test build clean

run: install
	$(BIN)/kst build
	$(BIN)/kst annotate corpus --out outputs/corpus.jsonl --force --no-progress
	$(BIN)/kst review outputs/corpus.jsonl --out outputs/review --force
	$(BIN)/kst commitments outputs/corpus.jsonl --csv outputs/commitments.csv

test: install-test
	$(BIN)/python -m pytest -q

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $@

clean:
	rm -rf $(VENV) outputs/model
