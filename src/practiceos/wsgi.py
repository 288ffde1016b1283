"""WSGI entry point (gunicorn practiceos.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practiceos.settings")
application = get_wsgi_application()
