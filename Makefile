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

.PHONY: setup run test lint fmt check messages messages-check demo-codes clean

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
	@# Reminders: with tasks run in process, a sweep every five minutes sends what is due.
	@$(MANAGE) send_due_reminders --every 300 & sweep=$$!; trap 'kill $$sweep 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

test: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory messages-check

# The catalogues must hold every string in the code, each translated (Urdu in full).
messages-check: setup
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=.tools --ignore=staticfiles --add-location=file -v0
	@git diff --quiet -I '^"POT-Creation-Date' -- dilasa/locale || { git diff --stat -- dilasa/locale; echo "The .po files were out of date: run 'make messages', translate, and commit."; exit 1; }
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
