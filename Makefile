PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

LOCK := requirements.lock
COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

.PHONY: install upgrade test run lint bench bench-http clean

install: $(STAMP)

# The versions the tests passed with, every file checked against its hash (requirements.lock);
# then mi-sim itself, editable, without touching them.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# `make upgrade`: the newest releases pyproject.toml allows, written to the lock and installed.
upgrade: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(COMPILE) --upgrade
	$(MAKE) install

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
