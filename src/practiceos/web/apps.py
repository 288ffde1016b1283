from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell of the web product: layout, login, home, practice switcher, static files."""

    name = "practiceos.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        """Start each login's idle clock at login (no extra write on its first page); register
        the "needs you" providers of the apps that exist today."""
        from django.contrib.auth.signals import user_logged_in

        from practiceos.web.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="practiceos-idle-clock")

        from practiceos.web.needs import my_invitations, register_need_provider, roster_previews

        register_need_provider("tenancy.invitations", my_invitations)
        register_need_provider("roster.previews", roster_previews)
