# The few verbs a maintainer types. Everything runs from .venv, made from the lock files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
SCALES ?= 1,10,40
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-fast seed-check lint bench screenshots lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The project itself is installed editable, in its own call: --require-hashes refuses a line without
# a hash, and --no-deps because every dependency comes from the lock file.
$(VENV)/.stamp-site: requirements/site.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/site.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.stamp-dev: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@ $(VENV)/.stamp-site

serve: $(VENV)/.stamp-site  ## preview at http://$(ADDR), reloading on every edit
	$(BIN)/mkdocs serve -a $(ADDR)

build: $(VENV)/.stamp-site  ## strict build into site/ (never with -q: it hides warnings from --strict)
	$(BIN)/mkdocs build --strict

check: $(VENV)/.stamp-site  ## validate data/ without building (--strict: look-alike author names fail, as in CI)
	$(BIN)/python -m labsite check --strict

test: $(VENV)/.stamp-dev  ## every test: unit, build, browser, Lighthouse
	./scripts/system-deps.sh
	$(BIN)/python -m pytest

test-fast: $(VENV)/.stamp-dev  ## the suite without the browser and Lighthouse
	$(BIN)/python -m pytest -m "not browser and not lighthouse and not slow"

seed-check: $(VENV)/.stamp-dev  ## one-time check: data/ holds every fact of tests/seed/homepage.txt (not in CI)
	$(BIN)/python -m pytest tests/seed/seed_facts.py

lint: $(VENV)/.stamp-dev  ## ruff (lint and format) and mypy (types: the core, the plugin, macros.py, the hooks)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.stamp-dev  ## scale benchmark: prints a table (SCALES=1,10,40)
	$(BIN)/python benchmarks/scale.py --scales $(SCALES)

screenshots: build  ## phone and desktop screenshots of the main pages into screenshots/
	./scripts/system-deps.sh
	$(BIN)/python scripts/screenshots.py site screenshots

lock:  ## re-pin requirements/*.txt from pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes -o requirements/site.txt
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes -o requirements/dev.txt
	uv pip compile requirements/zensical.in --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes -o requirements/zensical.txt

clean:
	rm -rf site screenshots .pytest_cache .ruff_cache .hypothesis
