"""``practiceos meetings_demo``: give a demo practice's teams a weekly meeting and its history."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from practiceos.meetings.history import build_history
from practiceos.meetings.models import Meeting
from practiceos.meetings.queries import attendees
from practiceos.meetings.services import create_meeting
from practiceos.org.models import Team
from practiceos.tenancy.lookup import practice_from_option
from practiceos.tenancy.models import MemberRole, Membership


class Command(BaseCommand):
    help = (
        "Set up a weekly meeting for every team of a (demo) practice that has none, with "
        "--weeks of past meetings (issues solved with decisions, to-dos, headlines, ratings). "
        "Teams that already meet are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", help="practice slug (default: the only practice)")
        parser.add_argument("--weeks", type=int, default=13, help="weeks of history (0-260)")
        parser.add_argument("--teams", type=int, default=50, help="at most this many teams")

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        weeks = options["weeks"]
        if not 0 <= weeks <= 260:
            raise CommandError(f"--weeks: must be 0 to 260, got {weeks}")
        owner = (
            Membership.objects.filter(practice=practice, role=MemberRole.OWNER)
            .select_related("user", "practice")
            .first()
        )
        if owner is None:
            raise CommandError(f"--practice: {practice.slug} has no owner login to set meetings up")
        meeting_teams = Meeting.objects.filter(practice=practice, active=True).values("team_id")
        made = 0
        for team in Team.objects.filter(practice=practice).exclude(pk__in=meeting_teams)[
            : options["teams"]
        ]:
            people = attendees(team)
            if not people:
                continue
            with transaction.atomic():
                meeting = create_meeting(actor=owner, team=team, weekday=made % 5)
                users = [p.user for p in people if p.user_id] or [owner.user]
                if weeks:
                    build_history(meeting, people, users, weeks=weeks, seed=team.pk)
            made += 1
        self.stdout.write(f"{practice.slug}: weekly meetings for {made} team(s), {weeks} weeks")
