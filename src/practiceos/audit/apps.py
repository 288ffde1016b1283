from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail: one record per write, with actor, time, before and after."""

    name = "practiceos.audit"
    label = "audit"
    verbose_name = "Audit trail"
