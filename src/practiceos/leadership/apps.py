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

        # The home page's "needs you" list.
        from practiceos.leadership.needs import open_asks
        from practiceos.web.needs import register_need_provider

        register_need_provider("leadership.asks", open_asks)
