from django.apps import AppConfig


class RosterConfig(AppConfig):
    """Importing HRIS and payroll roster exports into the accountability chart."""

    name = "practiceos.roster"
    label = "roster"
    verbose_name = "Roster imports"
