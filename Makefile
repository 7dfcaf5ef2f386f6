# The two commands of the README:
#   make run   installs what is needed and annotates corpus/ into outputs/
#   make test  installs what is needed and runs the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test install build clean

run: install
	$(BIN)/kst build
	$(BIN)/kst annotate corpus --out outputs/corpus.jsonl --force --no-progress

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
