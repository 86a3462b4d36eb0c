# eventwire: `make demo` and `make test` each set up everything on a fresh machine (a .venv with pinned deps).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.db

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/eventwire process demo/corpus --db $(DB) --format none
	@echo
	@echo "The demo store is $(abspath $(DB)). Look at it with:"
	@echo "  $(BIN)/eventwire articles --db $(DB)"
	@echo "  $(BIN)/eventwire events --db $(DB) --type PROTEST"
	@echo "  $(BIN)/eventwire show ARTICLE_ID --db $(DB)"
	@echo "  $(BIN)/eventwire search 'ceasefire' --db $(DB)"
	@echo "  $(BIN)/eventwire quotes --speaker Putin --db $(DB)"
	@echo "  $(BIN)/eventwire actors --country RUS --db $(DB)"
	@echo "  sqlite3 $(DB) 'select type, count(*) from events group by type'"

test: install
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: install
	$(BIN)/ruff check eventwire tests benchmarks
	$(BIN)/mypy --strict eventwire

bench: install
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
