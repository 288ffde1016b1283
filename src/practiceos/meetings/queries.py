"""Read functions of the weekly team meeting, each a fixed number of queries.

``open_todos_for(user, practice)`` is the public one other apps use (the home page's
"your to-dos"); the rest feed the meeting pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from practiceos.core import meetings as core
from practiceos.meetings.access import current_filter
from practiceos.meetings.models import IssueStatus, MeetingRun, TeamIssue, ToDo
from practiceos.org.models import Assignment, Person, Team

#: The most rows a list on the live page shows (the rest are one click away).
LIVE_LIMIT = 50
DECISIONS_PAGE = 50


def open_todos_for(user: Any, practice: Any, *, limit: int = 20) -> list[ToDo]:
    """The open to-dos owned by ``user``'s person in ``practice``, soonest due first.

    For the home page's "your to-dos": one query (to-dos joined to their owner and team),
    at most ``limit`` rows; an empty list for an anonymous user or one not in the chart.
    Each to-do has ``team`` loaded; ``todo.due < today`` means it is overdue.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    practice_id = getattr(practice, "pk", practice)
    return list(
        ToDo.objects.filter(practice_id=practice_id, owner__user_id=user.pk, done_on__isnull=True)
        .select_related("team")
        .order_by("due", "id")[:limit]
    )


def attendees(team: Team) -> list[Person]:
    """The people on the team now: holders of its seats and of its managing seat (one query)."""
    seat_q = Q(seat__team_id=team.pk)
    if team.manager_seat_id:
        seat_q |= Q(seat_id=team.manager_seat_id)
    ids = Assignment.objects.filter(current_filter(), seat_q, practice_id=team.practice_id).values(
        "person_id"
    )
    return list(Person.objects.filter(pk__in=ids).order_by("name", "id"))


def open_issues(team_id: int, limit: int = LIVE_LIMIT) -> list[TeamIssue]:
    """The team's open issues, top three first, then oldest first (one query)."""
    return list(
        TeamIssue.objects.filter(team_id=team_id, status=IssueStatus.OPEN)
        .select_related("raiser", "moved_from")
        .order_by("-top", "raised_at", "id")[:limit]
    )


def long_term_issues(team_id: int, limit: int = LIVE_LIMIT) -> list[TeamIssue]:
    """The team's long-term list (one query)."""
    return list(
        TeamIssue.objects.filter(team_id=team_id, status=IssueStatus.LONG_TERM).order_by(
            "raised_at", "id"
        )[:limit]
    )


def todos_for_review(run: MeetingRun, limit: int = LIVE_LIMIT) -> list[ToDo]:
    """The to-dos a run reviews: made before it started and still open, or done in the
    week before it (one query)."""
    since = run.started_at.date() - dt.timedelta(days=core.TODO_DAYS)
    return list(
        ToDo.objects.filter(team_id=run.team_id, created_at__lt=run.started_at)
        .filter(Q(done_on__isnull=True) | Q(done_on__gte=since))
        .select_related("owner")
        .order_by("due", "id")[:limit]
    )


def new_todos(run: MeetingRun) -> list[ToDo]:
    """The to-dos made during the run (one query)."""
    return list(ToDo.objects.filter(created_in=run).select_related("owner").order_by("id"))


@dataclass(frozen=True)
class OwnerRate:
    """One person's completion rate, as the pages show it."""

    name: str
    rate: core.Rate


def completion(team_id: int, today: dt.date | None = None) -> tuple[core.Rate, list[OwnerRate]]:
    """The team's and each owner's to-do completion rate over the last 13 weeks (one query)."""
    today = today or timezone.localdate()
    start, end = core.rate_window(today)
    rows = list(
        ToDo.objects.filter(team_id=team_id, due__gte=start, due__lt=end).values_list(
            "owner_id", "owner__name", "due", "done_on"
        )
    )
    outcomes = [core.TodoOutcome(str(o), due, done) for o, _, due, done in rows]
    names = {str(o): name for o, name, _, _ in rows}
    by_owner = core.completion_by_owner(outcomes, today)
    people = sorted(
        (OwnerRate(names[o], rate) for o, rate in by_owner.items()), key=lambda r: r.name
    )
    return core.completion_rate(outcomes, today), people


def decision_log(team_id: int, q: str = "", offset: int = 0) -> tuple[int, list[TeamIssue]]:
    """The team's solved issues, newest first, optionally searched in title and decision
    (two queries: the count and the page)."""
    qs: QuerySet[TeamIssue] = TeamIssue.objects.filter(team_id=team_id, status=IssueStatus.SOLVED)
    q = q.strip()[:100]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(decision__icontains=q))
    total = qs.count()
    page = list(
        qs.select_related("decided_by").order_by("-solved_at", "-id")[
            offset : offset + DECISIONS_PAGE
        ]
    )
    return total, page
