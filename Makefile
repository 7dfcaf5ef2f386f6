# The two commands of the README:
#   make run   installs what is needed and annotates corpus/ into outputs/ (JSONL, review
#              report, commitments register)
#   make test  installs what is needed and runs the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test install build clean

run: install
	$(BIN)/kst build
	$(BIN)/kst annotate corpus --out outputs/corpus.jsonl --force --no-progress
	$(BIN)/kst review outputs/corpus.jsonl --out outputs/review --force
	$(BIN)/kst commitments outputs/corpus.jsonl --csv outputs/commitments.csv

test: install
	$(BIN)/python -m pytest -q

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"
	touch $@

clean:
	rm -rf $(VENV) outputs/model
