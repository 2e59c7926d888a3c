PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test run lint bench bench-http clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# `make run`: the web app on the SQLite default (./mi-sim.db), migrated and with the shipped
# personas loaded. MI_SIM_HOST / MI_SIM_PORT (and every other MI_SIM_* setting) still apply.
RUN_HOST := $(or $(MI_SIM_HOST),127.0.0.1)
RUN_PORT := $(or $(MI_SIM_PORT),8000)

run: install
	$(BIN)/mi-sim db upgrade
	$(BIN)/mi-sim personas sync
	@echo
	@echo "  mi-sim is starting on http://$(RUN_HOST):$(RUN_PORT)"
	@echo "  First: open that address in a browser and create the first admin account."
	@echo "  Then add trainees in the browser, or: $(BIN)/mi-sim users add NAME --role trainee --password-stdin"
	@echo "  API reference: http://$(RUN_HOST):$(RUN_PORT)/docs   (Ctrl+C stops the server)"
	@echo
	$(BIN)/mi-sim serve --host $(RUN_HOST) --port $(RUN_PORT)

# HTTP speed of a turn against a real server, beside a baseline (about a minute).
bench-http: install
	$(BIN)/python bench/http_turns.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/mi-sim scenario lint scenarios/*.yaml

bench: install
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/coder.py
	$(BIN)/python bench/understanding.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
