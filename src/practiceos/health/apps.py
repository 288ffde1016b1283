from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The health check: findings, fixes and the score of a practice's structure."""

    name = "practiceos.health"
    label = "health"
    verbose_name = "Health check"
