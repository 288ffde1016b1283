"""``practiceos showcase``: fill a demo practice's areas beyond its chart."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.problems import InputError
from practiceos.tenancy.lookup import practice_from_option
from practiceos.web.showcase import fill


class Command(BaseCommand):
    help = (
        "Give a (demo) practice what its areas lack, written as its owner through the "
        "services: a vision and core values, decision areas, scorecards and weekly meetings "
        "with --weeks of history, core processes (one run as a checklist), a hiring plan "
        "with two candidates scored, then a fresh health check. Areas with content are "
        "left alone. `practiceos bootstrap` runs it on the demo it creates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", help="practice slug (default: the only practice)")
        parser.add_argument("--weeks", type=int, default=13, help="weeks of history (1-260)")

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        weeks = options["weeks"]
        if not 1 <= weeks <= 260:
            raise CommandError(f"--weeks: must be 1 to 260, got {weeks}")
        try:
            added = fill(practice, weeks=weeks)
        except (ValueError, InputError) as exc:
            raise CommandError(f"--practice: {exc}") from None
        if not added:
            self.stdout.write(f"{practice.slug}: every area already has content; nothing added")
            return
        self.stdout.write(f"{practice.slug}: added")
        for line in added:
            self.stdout.write(f"  - {line}")
