# One command per habit. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup run test test-browser lint fmt check messages demo-codes clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	touch $@

setup: $(VENV)/.synced
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0

run: setup
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo
	@echo "Dilasa is starting on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m dilasa.core.checks.messages

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: setup
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=.tools --ignore=staticfiles --add-location=file
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0

check: lint test

demo-codes: setup
	@$(MANAGE) demo_codes

clean:
	rm -rf $(VENV) .tools staticfiles .mypy_cache .ruff_cache .pytest_cache
