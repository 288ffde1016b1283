# PracticeOS: `make run` starts the product with a demo practice; `make test` checks everything.
# Both create .venv and install what is missing, and are quick the second time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PRACTICEOS_DATA_DIR ?= $(CURDIR)/data

# Debian packages: Chromium for the browser tests, Pango for WeasyPrint's PDFs.
DEBIAN_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-cjk

.PHONY: run serve test lint format typecheck system-packages bench clean help

help:
	@echo "make run    start PracticeOS at http://127.0.0.1:8000 with a demo practice"
	@echo "make test   lint, type-check, migration check and the whole test suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Installs missing Debian packages when run as root (CI, fresh machines); otherwise says what is missing.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing Debian packages:$$missing (browser tests and PDFs need them)"; fi; \
	fi

run: $(STAMP)
	$(BIN)/practiceos migrate --noinput -v 0
	$(BIN)/practiceos bootstrap
	@# A task worker beside the web server runs long work (imports, checks); both stop together.
	$(BIN)/practiceos worker -v 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/practiceos runserver 127.0.0.1:8000 --noreload

# The production stack on this machine (docs/operations.md): gunicorn with whitenoise.
serve: $(STAMP)
	$(BIN)/practiceos migrate --noinput -v 0
	$(BIN)/practiceos collectstatic --noinput -v 0
	$(BIN)/practiceos worker -v 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c python:practiceos.gunicorn_conf

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) system-packages lint typecheck
	$(BIN)/practiceos makemigrations --check --dry-run -v 1
	$(BIN)/pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) data build *.egg-info
