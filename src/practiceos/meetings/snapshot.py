"""The meetings section of a practice's snapshot: each team's meeting record.

Registered with ``practiceos.org.snapshot.register_section`` in ``MeetingsConfig.ready``;
five queries whatever the practice's size or history (to-dos only from the last 13 weeks).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Max

from practiceos.core import meetings as core
from practiceos.meetings.models import IssueStatus, Meeting, MeetingRun, TeamIssue, ToDo
from practiceos.tenancy.models import Practice


def build_team_meetings(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """``{"team_meetings": (TeamMeetings, ...)}`` for every team with a meeting set up."""
    pid = practice.pk
    meetings: dict[int, tuple[str, bool, dt.date]] = {}
    for team_id, name, active, created in (
        Meeting.objects.filter(practice_id=pid)
        .order_by("active", "id")
        .values_list("team_id", "name", "active", "created_at")
    ):
        meetings[team_id] = (name, active, created.date())  # the active one wins (sorted last)
    last_held = dict(
        MeetingRun.objects.filter(practice_id=pid)
        .values("team_id")
        .annotate(last=Max("started_at"))
        .values_list("team_id", "last")
    )
    start = as_of - dt.timedelta(weeks=core.RATE_WEEKS)
    todos: dict[int, list[core.TodoOutcome]] = defaultdict(list)
    for team_id, owner_id, due, done in ToDo.objects.filter(
        practice_id=pid, due__gte=start, due__lte=as_of
    ).values_list("team_id", "owner_id", "due", "done_on"):
        todos[team_id].append(core.TodoOutcome(str(owner_id), due, done))
    issues: dict[int, list[core.OpenIssue]] = defaultdict(list)
    for team_id, pk, title, raised, top in TeamIssue.objects.filter(
        practice_id=pid, status=IssueStatus.OPEN
    ).values_list("team_id", "pk", "title", "raised_at", "top"):
        issues[team_id].append(core.OpenIssue(str(pk), title, raised.date(), top))
    support = dict(
        TeamIssue.objects.filter(practice_id=pid, raiser_kind="support")
        .values("team_id")
        .annotate(last=Max("raised_at"))
        .values_list("team_id", "last")
    )
    records = tuple(
        core.TeamMeetings(
            team_id=str(team_id),
            meeting_name=name,
            recurring=active,
            since=since,
            last_held=last_held[team_id].date() if team_id in last_held else None,
            todos=tuple(todos.get(team_id, ())),
            open_issues=tuple(issues.get(team_id, ())),
            last_support_issue=support[team_id].date() if team_id in support else None,
        )
        for team_id, (name, active, since) in sorted(meetings.items())
    )
    return {"team_meetings": records}
