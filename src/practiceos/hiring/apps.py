from django.apps import AppConfig


class HiringConfig(AppConfig):
    """Hiring for values and seat fit: plans from role cards, interview kits, candidates,
    scores, the side-by-side, the hire and erasure on request."""

    name = "practiceos.hiring"
    label = "hiring"
    verbose_name = "Hiring"

    def ready(self) -> None:
        # The health check reads vacancy facts from the snapshot; org never imports this
        # app, so the builder registers itself here.
        from practiceos.hiring.snapshot import hiring_section
        from practiceos.org.snapshot import register_section

        register_section(hiring_section)
