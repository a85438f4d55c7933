# DigitalEES — the project's vocabulary. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: help run setup install messages compilemessages migrate seed test lint typecheck e2e chromium java pdf-libraries bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

run: setup seed ## Set everything up (venv, translations, database, demo data) and serve the app
	@echo "Serving DigitalEES at http://$(HOST)/"
	SITE_URL=$${SITE_URL:-http://$(HOST)} $(PY) manage.py runserver $(HOST)

setup: install pdf-libraries compilemessages migrate ## Install, compile translations and migrate, without serving

install: $(VENV)/.installed

# requirements-dev.lock: the runtime set (requirements.lock, what the image installs) plus the
# test and lint tools; both are pinned with hashes.
$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

compilemessages: install ## Compile the translations (locale/*.po -> .mo)
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v0

messages: install ## Extract translatable strings into locale/fr/LC_MESSAGES/django.po
	$(PY) manage.py makemessages -l fr --no-obsolete --ignore=$(VENV) --ignore=node_modules \
		--ignore=var --ignore=staticfiles --ignore=tests
	$(PY) manage.py makemessages -d djangojs -l fr --no-obsolete --ignore=$(VENV) \
		--ignore=node_modules --ignore=var --ignore=staticfiles --ignore=static/vendor --ignore=tests

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0

seed: migrate ## Create the demo data (safe to run twice) and print the demo logins
	$(PY) manage.py seed_demo

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install ## mypy (django-stubs) on every app's services, selectors, rules and scoring
	$(VENV)/bin/mypy

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	bash scripts/ensure-chromium.sh

java: ## Install a Java runtime for the HTML checker (vnu.jar) of the browser tests when it is missing
	bash scripts/ensure-java.sh

pdf-libraries: ## Install Pango and HarfBuzz's subset library (fast PDF fonts) when they are missing
	bash scripts/ensure-pdf-libraries.sh

test: install pdf-libraries compilemessages lint typecheck chromium java ## Lint, type-check, check migrations and run the whole test suite
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

e2e: install compilemessages chromium java ## Run the browser journeys alone (headless Chromium)
	$(PY) -m pytest tests/e2e -m e2e

bench: install pdf-libraries compilemessages ## Measure pages and operations on PostgreSQL (BENCH_SCALE=full|small)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
		BENCH_SCALE=$${BENCH_SCALE:-full} $(PY) -m bench

LOCK_FLAGS := --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links

lock: ## Re-resolve requirements.lock (runtime) and requirements-dev.lock from pyproject.toml
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements-dev.lock pyproject.toml

clean: ## Remove the virtualenv, the development database and generated files
	rm -rf $(VENV) var staticfiles
	find . -name '*.mo' -not -path './$(VENV)/*' -delete
