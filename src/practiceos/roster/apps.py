from django.apps import AppConfig


class RosterConfig(AppConfig):
    """Importing HRIS and payroll roster exports into the accountability chart."""

    name = "practiceos.roster"
    label = "roster"
    verbose_name = "Roster imports"

    def ready(self) -> None:
        """Register confirmed imports as a kind of job."""
        from practiceos.jobs.registry import register
        from practiceos.roster.jobs import HANDLER

        register(HANDLER)
