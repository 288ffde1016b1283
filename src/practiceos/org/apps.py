from django.apps import AppConfig


class OrgConfig(AppConfig):
    """The accountability chart: locations, teams, roles, seats, people and assignments."""

    name = "practiceos.org"
    label = "org"
    verbose_name = "Accountability chart"

    def ready(self) -> None:
        """Register the org file export as a kind of job, and the chart as a PDF document
        (a big chart's PDF is written by a worker)."""
        from practiceos.jobs.documents import register_document
        from practiceos.jobs.registry import register
        from practiceos.org.export_jobs import CHART_PDF
        from practiceos.org.jobs import HANDLER

        register_document(CHART_PDF)

        register(HANDLER)
