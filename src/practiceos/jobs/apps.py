"""The jobs app: long work (imports, checks, PDFs, exports) run off the web request."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Long work as tasks on django-tasks' database queue, with progress in ``Job`` rows."""

    name = "practiceos.jobs"
    label = "jobs"
    verbose_name = "Jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the PDF job kind (apps register their documents for it)."""
        from practiceos.jobs.documents import HANDLER
        from practiceos.jobs.registry import register

        register(HANDLER)
