from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    """Leadership: the vision, decision rights, routed asks, owner load and owner time."""

    name = "practiceos.leadership"
    label = "leadership"
    verbose_name = "Leadership"

    def ready(self) -> None:
        # Registers the snapshot section (vision, decision areas, recent load) and the
        # org-file load section with org, which never imports this app.
        from practiceos.leadership import loading, snapshot  # noqa: F401
