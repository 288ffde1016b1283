"""``practiceos close_open_meetings``: conclude runs left open (a browser closed mid-meeting).

A run nobody concluded keeps its team from starting the next meeting until someone
resumes or closes it. Run periodically (cron), this closes runs started more than
``--hours`` ago (default 12) the way the facilitator would, recap email included, with
the audit record naming no user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from practiceos.meetings.models import MeetingRun
from practiceos.meetings.services import close_stale_run


class Command(BaseCommand):
    help = "Conclude meeting runs left open for more than --hours hours (default 12)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=12, help="Age of a run to close.")
        parser.add_argument("--dry-run", action="store_true", help="List them, close nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["hours"]
        if hours < 1:
            self.stderr.write(f"--hours must be at least 1, got {hours}")
            raise SystemExit(2)
        cutoff = timezone.now() - dt.timedelta(hours=hours)
        stale = list(
            MeetingRun.objects.filter(ended_at__isnull=True, started_at__lt=cutoff)
            .select_related("meeting", "team")
            .order_by("started_at")
        )
        for run in stale:
            if not options["dry_run"]:
                close_stale_run(run)
            verb = "would close" if options["dry_run"] else "closed"
            self.stdout.write(
                f"{verb} {run.meeting.name} ({run.team.name}) started {run.started_at:%Y-%m-%d %H:%M}"
            )
        self.stdout.write(f"{len(stale)} open meeting(s) older than {hours} h")
