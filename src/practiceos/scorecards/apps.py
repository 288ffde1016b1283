from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    """Weekly numbers and alignment: measurables, team goals, priorities, dependencies, pulse."""

    name = "practiceos.scorecards"
    label = "scorecards"
    verbose_name = "Scorecards and alignment"

    def ready(self) -> None:
        """Fill the snapshot's scorecard fields (for the Alignment rules); register the
        upload job."""
        from practiceos.jobs.registry import register
        from practiceos.org.snapshot import register_section
        from practiceos.scorecards.jobs import HANDLER
        from practiceos.scorecards.snapshot import build_section

        register_section(build_section)
        register(HANDLER)
