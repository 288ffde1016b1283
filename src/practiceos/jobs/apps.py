"""The jobs app: long work (imports, checks, PDFs, exports) run off the web request."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Long work as tasks on django-tasks' database queue, with progress in ``Job`` rows."""

    name = "practiceos.jobs"
    label = "jobs"
    verbose_name = "Jobs"
    default_auto_field = "django.db.models.BigAutoField"
