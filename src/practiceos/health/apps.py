from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The health check: findings, fixes and the score of a practice's structure."""

    name = "practiceos.health"
    label = "health"
    verbose_name = "Health check"

    def ready(self) -> None:
        """Register the health check as a kind of job."""
        from practiceos.health.jobs import HANDLER
        from practiceos.jobs.registry import register

        register(HANDLER)
