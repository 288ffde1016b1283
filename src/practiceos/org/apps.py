from django.apps import AppConfig


class OrgConfig(AppConfig):
    """The accountability chart: locations, teams, roles, seats, people and assignments."""

    name = "practiceos.org"
    label = "org"
    verbose_name = "Accountability chart"

    def ready(self) -> None:
        """Register the chart-PDF job (a big chart's PDF is written by a worker)."""
        from practiceos.jobs.registry import register
        from practiceos.org.export_jobs import HANDLER

        register(HANDLER)
