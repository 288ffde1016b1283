from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    """Core processes: documented steps with owning seats, versions, checklist runs."""

    name = "practiceos.processes"
    label = "processes"
    verbose_name = "Core processes"

    def ready(self) -> None:
        # The health check reads processes from the snapshot; org never imports this app,
        # so the builder registers itself here.
        from practiceos.org.snapshot import register_section
        from practiceos.processes.snapshot import processes_section

        register_section(processes_section)
