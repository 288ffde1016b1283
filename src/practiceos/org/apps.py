from django.apps import AppConfig


class OrgConfig(AppConfig):
    """The accountability chart: locations, teams, roles, seats, people and assignments."""

    name = "practiceos.org"
    label = "org"
    verbose_name = "Accountability chart"
