# Two commands do everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PORT ?= 8501
LINES ?= 200000

.PHONY: install demo test lint format typecheck bench clean

$(UV):
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen

demo: install
	$(UV) run asr demo --lines $(LINES) --port $(PORT)

test: install
	$(UV) run ruff check pipelines dashboard tests bench
	$(UV) run ruff format --check pipelines dashboard tests bench
	$(UV) run mypy pipelines
	$(UV) run pytest -q

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
