from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The health check: findings, fixes and the score of a practice's structure."""

    name = "practiceos.health"
    label = "health"
    verbose_name = "Health check"

    def ready(self) -> None:
        """Register the health check as a kind of job, and its report as a PDF document."""
        from practiceos.health.jobs import HANDLER, REPORT_PDF
        from practiceos.jobs.documents import register_document
        from practiceos.jobs.registry import register

        register(HANDLER)
        register_document(REPORT_PDF)
