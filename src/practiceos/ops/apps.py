from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: online backups and restores of the whole installation."""

    name = "practiceos.ops"
    label = "ops"
    verbose_name = "Operations"
