# Two commands: `make run` serves the demo, `make test` passes the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# Seconds between two passes of the reminder scheduler under `make run`.
REMINDER_EVERY ?= 3600

# Settings for `make run`: production settings over plain HTTP on this machine, with a
# secret key generated once into .secret_key and emails printed to the console.
RUN_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$$(cat .secret_key)" \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE=0 \
	DJANGO_EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)

.PHONY: install run test lint check browser-test bench bench-staff clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	@chmod 600 .secret_key

run: install .secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the task worker and the reminder scheduler (Ctrl+C stops all three)"
	@# The worker sends queued emails (and runs Wagtail's index updates); the scheduler queues the
	@# reminders due, once an hour. Both stop when gunicorn does, however it stops.
	@$(RUN_ENV) $(BIN)/python manage.py db_worker --interval 5 & worker=$$!; \
	$(RUN_ENV) $(BIN)/python manage.py send_reminders --every $(REMINDER_EVERY) & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(RUN_ENV) GUNICORN_BIND=$(HOST):$(PORT) GUNICORN_WORKERS=$(WORKERS) \
		$(BIN)/gunicorn config.wsgi:application -c config/gunicorn.conf.py

test: install
	$(BIN)/python -m pytest -m "not browser"

browser-test: install
	TEST_SQLITE_FILE=$(CURDIR)/.test-browser.sqlite3 $(BIN)/python -m pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/staff_page.py

bench-staff: install
	$(BIN)/python bench/staff_page.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
