from django.apps import AppConfig


class TenancyConfig(AppConfig):
    """Practices (tenants), memberships, API tokens and the permission matrix."""

    name = "practiceos.tenancy"
    label = "tenancy"
    verbose_name = "Practices and memberships"
