"""gunicorn settings for production serving: ``gunicorn -c python:practiceos.gunicorn_conf``.

Everything is read from the environment so one file serves every deployment (see
``docs/operations.md``). Workers default to ``2 × CPUs + 1``, gunicorn's own advice for
a mostly I/O-bound Django app; static files come from whitenoise inside the workers, so
no separate file server is needed.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("PRACTICEOS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PRACTICEOS_WEB_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# Sync workers: each request holds one worker; the database connection is kept between
# requests (CONN_MAX_AGE), so a worker pays the connection cost once.
worker_class = "sync"
timeout = int(os.environ.get("PRACTICEOS_WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Restart a worker after this many requests, so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# Load the application once in the master, so workers fork with it in shared memory.
preload_app = True
accesslog = os.environ.get("PRACTICEOS_ACCESS_LOG") or None
errorlog = "-"
wsgi_app = "practiceos.wsgi:application"
