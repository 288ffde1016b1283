from django.apps import AppConfig


class RoleCardsConfig(AppConfig):
    """Role cards: the library, adopting a card, editing it inline, versions and the PDF."""

    name = "practiceos.rolecards"
    label = "rolecards"
    verbose_name = "Role cards"
