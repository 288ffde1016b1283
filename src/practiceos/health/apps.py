from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The health check: findings, fixes and the score of a practice's structure."""

    name = "practiceos.health"
    label = "health"
    verbose_name = "Health check"

    def ready(self) -> None:
        """Register the health check as a kind of job, its report as a PDF document, and
        its automatic re-check as a listener of audited writes (a change to the chart
        queues one)."""
        from practiceos.audit.services import register_write_listener
        from practiceos.health.autocheck import chart_written
        from practiceos.health.jobs import HANDLER, REPORT_PDF
        from practiceos.jobs.documents import register_document
        from practiceos.jobs.registry import register

        register(HANDLER)
        register_document(REPORT_PDF)
        register_write_listener(chart_written)
