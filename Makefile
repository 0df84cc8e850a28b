# Two commands do everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
# uv on the PATH, else the module that `pip install uv` brings (wherever pip puts its scripts).
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PORT ?= 8501
LINES ?= 200000

.PHONY: uv install demo test lint format typecheck bench clean

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet uv

install: uv
	$(UV) sync --frozen

demo: install
	$(UV) run asr demo --lines $(LINES) --port $(PORT)

test: install
	$(UV) run ruff check pipelines dashboard tests bench
	$(UV) run ruff format --check pipelines dashboard tests bench
	$(UV) run mypy pipelines
	$(UV) run pytest -q -n 2

lint: install
	$(UV) run ruff check pipelines dashboard tests bench

format: install
	$(UV) run ruff format pipelines dashboard tests bench
	$(UV) run ruff check --fix pipelines dashboard tests bench

typecheck: install
	$(UV) run mypy pipelines

bench: install
	$(UV) run python bench/ingest.py
	$(UV) run python bench/classify.py
	$(UV) run python bench/dashboard.py

clean:
	rm -rf data/warehouse.duckdb* data/asr.sqlite data/demo test-output
