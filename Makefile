# CloudAtlas: `make run` starts the app, `make test` runs every test.
# Needs GNU make and python3 >= 3.11; everything else is installed into $(VENV).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench fidelity fuzz chromium clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: $(RUN_STAMP) ## start the app (http://localhost:8501, PORT=... to change)
	$(VENV)/bin/streamlit run app.py --server.headless true --server.port $(PORT)

test: $(DEV_STAMP) chromium ## run all tests (unit, doctests, browser)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP) ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP) ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(DEV_STAMP) ## run the benchmarks
	$(PY) -m bench

fidelity: $(DEV_STAMP) ## score extraction on ../shared/corpus (CLOUDATLAS_CORPUS=... to change)
	$(PY) -m bench fidelity

fuzz: $(DEV_STAMP) ## long property-based runs (HYPOTHESIS_PROFILE=fuzz)
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest tests -k fuzz --timeout=0 $(PYTEST_ARGS)

chromium: $(DEV_STAMP) ## make sure a Chromium exists for the browser tests
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "chromium: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	else \
		$(PY) -m playwright install chromium; \
	fi

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "CloudAtlas needs Python >= 3.11; set PYTHON=python3.X" >&2; exit 1; }
	@if ! $(PYTHON) -m venv $(VENV); then \
		rm -rf $(VENV); \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv \
				&& $(PYTHON) -m venv $(VENV); \
		else \
			echo "could not create $(VENV): install python3-venv (apt-get install python3-venv)" >&2; exit 1; \
		fi; \
	fi

# The stamps make a reinstall happen only when a requirements file changes.
$(RUN_STAMP): requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	@touch $@

clean: ## remove caches and test artifacts (keeps $(VENV))
	rm -rf .pytest_cache .ruff_cache .hypothesis tests/artifacts bench/out build dist *.egg-info
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean ## also remove $(VENV)
	rm -rf $(VENV)
