# Two entry points for a new user: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: install run test sample messages clean

$(BIN)/lkjip: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(BIN)/lkjip

install: $(BIN)/lkjip

## Set up .venv, materialise every asset on the shipped sample in raw/, print where outputs are.
run: install
	$(BIN)/lkjip run --raw-dir raw --warehouse-dir warehouse

## The whole test suite (what CI runs).
test: install
	$(BIN)/python -m pytest

## Rebuild the shipped sample files in raw/ from the deterministic generator.
sample: install
	$(BIN)/python -m scripts.make_sample

## Check the Indonesian message catalogue and compile its .mo after editing its .po (polib).
messages: install
	$(BIN)/python -m scripts.extract_messages --check --compile

clean:
	rm -rf $(VENV) warehouse/lkjip.duckdb warehouse/exports warehouse/data_docs
