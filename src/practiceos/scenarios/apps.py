from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    """What-if reorganisations: drafts of the structure, compared with today, published."""

    name = "practiceos.scenarios"
    label = "scenarios"
    verbose_name = "Scenarios"
