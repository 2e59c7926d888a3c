PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test run lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

run: install
	$(BIN)/mi-sim chat

lint: install
	$(BIN)/ruff check .
	$(BIN)/mi-sim scenario lint scenarios/*.yaml

bench: install
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/coder.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
