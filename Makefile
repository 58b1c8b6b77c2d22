# One-word commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run serve test test-fast lint bench loadtest faults validate clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed  ## serve the app with the bundled data at http://127.0.0.1:8050
	REDES_HOST=$(HOST) REDES_PORT=$(PORT) $(PY) app.py

serve: $(VENV)/.installed  ## production-like: gunicorn (gunicorn.conf.py); with REDES_CACHE_URL, a Celery worker for upload jobs beside it
	@if [ -n "$$REDES_CACHE_URL" ]; then \
	  $(VENV)/bin/celery -A wsgi:celery_app worker --loglevel=WARNING & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	PORT=$(PORT) $(VENV)/bin/gunicorn wsgi:server

test: lint  ## lint, then every test, browser tests included
	$(PY) -m pytest -q

test-fast: $(VENV)/.installed  ## every test but the browser ones
	$(PY) -m pytest -q -m "not browser"

lint: $(VENV)/.installed  ## ruff on everything, mypy (strict on the domain, see pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: $(VENV)/.installed  ## print speed figures (server, bytes, browser end to end)
	$(PY) -m bench

loadtest: $(VENV)/.installed  ## 50 visitors + 10 uploaders for 60 s against gunicorn on 127.0.0.1 (locust)
	$(PY) -m loadtest.run

faults: $(VENV)/.installed  ## under load: a killed worker, a stopped and a hung Redis, a full quota, heavy uploads
	$(PY) -m loadtest.faults

validate: $(VENV)/.installed  ## validate the bundled data package (or DIR=path)
	$(PY) -m network validate $(or $(DIR),data)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
