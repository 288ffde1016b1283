from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    """Weekly numbers and alignment: measurables, team goals, priorities, dependencies, pulse."""

    name = "practiceos.scorecards"
    label = "scorecards"
    verbose_name = "Scorecards and alignment"
