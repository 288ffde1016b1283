from django.apps import AppConfig


class OrgConfig(AppConfig):
    """The accountability chart: locations, teams, roles, seats, people and assignments."""

    name = "practiceos.org"
    label = "org"
    verbose_name = "Accountability chart"

    def ready(self) -> None:
        """Register the org file export as a kind of job."""
        from practiceos.jobs.registry import register
        from practiceos.org.jobs import HANDLER

        register(HANDLER)
