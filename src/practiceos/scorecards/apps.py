from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    """Weekly numbers and alignment: measurables, team goals, priorities, dependencies, pulse."""

    name = "practiceos.scorecards"
    label = "scorecards"
    verbose_name = "Scorecards and alignment"

    def ready(self) -> None:
        """Fill the snapshot's scorecard fields (for the Alignment rules)."""
        from practiceos.org.snapshot import register_section
        from practiceos.scorecards.snapshot import build_section

        register_section(build_section)
