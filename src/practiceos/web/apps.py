from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell of the web product: layout, login, home, practice switcher, static files."""

    name = "practiceos.web"
    label = "web"
    verbose_name = "Web shell"
