from django.apps import AppConfig


class TenancyConfig(AppConfig):
    """Practices (tenants), memberships, API tokens and the permission matrix."""

    name = "practiceos.tenancy"
    label = "tenancy"
    verbose_name = "Practices and memberships"

    def ready(self) -> None:
        """Connect the login receiver that picks the practice the user used last."""
        from django.contrib.auth.signals import user_logged_in

        from practiceos.tenancy.current import choose_on_login

        user_logged_in.connect(choose_on_login, dispatch_uid="practiceos-choose-practice")
