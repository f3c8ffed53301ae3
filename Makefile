# Nook: `make run` starts a demo site on SQLite; `make test` runs the test suite.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
HOST ?= 127.0.0.1
PORT ?= 8000
COVERAGE_FLOOR ?= 88

.PHONY: run test test-fast lint setup screenshots bench

run: setup
	.venv/bin/nook demo --if-empty
	.venv/bin/nook serve --host $(HOST) --port $(PORT)

# The whole suite, with coverage (the floor is the level the suite reached when it was set).
test: setup
	scripts/ensure-browser
	.venv/bin/pytest --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR) --durations=25

# The quick loop while working: no browser, none of the slow property and crash tests.
test-fast: setup
	.venv/bin/pytest -m "not browser and not slow"

lint: setup
	.venv/bin/ruff check src tests bench
	.venv/bin/ruff format --check src tests bench
	.venv/bin/mypy

setup: $(UV)
	$(UV) sync --frozen --python 3.11

$(UV):
	python3 -m pip install --user --quiet uv

screenshots: setup
	scripts/ensure-browser
	.venv/bin/nook screenshots

bench: setup
	@echo "see docs/benchmarks.md for each benchmark's command"
