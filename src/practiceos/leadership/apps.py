from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    """Leadership: the vision, decision rights, routed asks, owner load and owner time."""

    name = "practiceos.leadership"
    label = "leadership"
    verbose_name = "Leadership"

    def ready(self) -> None:
        # Registers the snapshot section (vision, decision areas, recent load) with org.
        from practiceos.leadership import snapshot  # noqa: F401
