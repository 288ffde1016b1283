from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell of the web product: layout, login, home, practice switcher, static files."""

    name = "practiceos.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        """Start each login's idle clock at login (no extra write on its first page)."""
        from django.contrib.auth.signals import user_logged_in

        from practiceos.web.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="practiceos-idle-clock")
