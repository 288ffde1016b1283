"""``practiceos scorecards-demo``: give a demo practice's teams sample scorecards."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from practiceos.org.models import Seat, Team
from practiceos.scorecards.models import Measurable
from practiceos.scorecards.sample import build_team_board
from practiceos.tenancy.lookup import practice_from_option


class Command(BaseCommand):
    help = (
        "Give every team of a (demo) practice that has no measurables yet a sample scorecard: "
        "library measurables per seat, weeks of numbers (some red, a few missing), a team "
        "goal, priorities and dependencies. Teams that already keep numbers are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", help="practice slug (default: the only practice)")
        parser.add_argument("--weeks", type=int, default=13, help="weeks of history (1-260)")
        parser.add_argument("--field", default="dental", help="library field of practice")
        parser.add_argument("--teams", type=int, default=50, help="at most this many teams")
        parser.add_argument(
            "--steady",
            action="store_true",
            help="numbers that mostly hit their goals (a few red weeks), as a demo reads",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        weeks = max(1, min(int(options["weeks"]), 260))
        busy = set(Measurable.objects.filter(practice=practice).values_list("team_id", flat=True))
        made = 0
        for team in Team.objects.filter(practice=practice).exclude(pk__in=busy)[: options["teams"]]:
            seats = list(Seat.objects.filter(team=team).order_by("pk")[:10])
            if not seats:
                continue
            with transaction.atomic():
                build_team_board(
                    team,
                    seats,
                    per_seat=2,
                    weeks=weeks,
                    field=options["field"],
                    steady=options["steady"],
                )
            made += 1
        self.stdout.write(f"{practice.slug}: sample scorecards for {made} team(s), {weeks} weeks")
