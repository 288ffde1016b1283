"""Years of weekly meetings for a team, written in bulk (demo data, benchmarks, tests).

:func:`build_history` writes, for each past week, a concluded run with issues raised and
solved (decisions and their to-dos, most done on time), headlines and everyone's rating,
with ``bulk_create`` (a few queries per table, whatever the number of weeks). It writes
no audit records: it is invented history, not anyone's change.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from practiceos.core import meetings as core
from practiceos.meetings.models import (
    Headline,
    HeadlineKind,
    IssueStatus,
    Meeting,
    MeetingRun,
    Rating,
    TeamIssue,
    ToDo,
)
from practiceos.org.models import Person

_PROBLEMS = (
    "First case starts late",
    "Instrument trays incomplete",
    "Phones ring out at lunch",
    "Recall list not worked",
    "Supply order arrives short",
    "Room turnover too slow",
    "Prior authorisations pile up",
    "Schedule double-books the hygienist",
)
_KINDS = (HeadlineKind.PATIENT_GOOD, HeadlineKind.STAFF_GOOD, HeadlineKind.PATIENT_BAD)


def build_history(
    meeting: Meeting,
    people: Sequence[Person],
    users: Sequence[Any],
    *,
    weeks: int,
    seed: int = 1,
) -> int:
    """Write ``weeks`` weeks of concluded runs of ``meeting`` ending last week; returns the
    number of runs. ``people`` own to-dos and decide; ``users`` rate each run."""
    rng = random.Random(seed)
    pid, team_id = meeting.practice_id, meeting.team_id
    agenda = [
        {"key": item.key, "title": item.title, "minutes": item.minutes}
        for item in core.standard_agenda()
    ]
    now = timezone.now()
    starts = [now - dt.timedelta(weeks=w) for w in range(weeks, 0, -1)]
    runs = MeetingRun.objects.bulk_create(
        MeetingRun(
            practice_id=pid,
            meeting=meeting,
            team_id=team_id,
            facilitator=users[0] if users else None,
            started_at=start,
            ended_at=start + dt.timedelta(minutes=90),
            agenda=agenda,
            section=len(agenda) - 1,
            section_started_at=start + dt.timedelta(minutes=85),
            version=40,
            recap={"meeting": meeting.name},
        )
        for start in starts
    )
    issues = TeamIssue.objects.bulk_create(
        TeamIssue(
            practice_id=pid,
            team_id=team_id,
            title=f"{rng.choice(_PROBLEMS)} (week {i + 1})",
            raiser=people[(i * 3 + k) % len(people)],
            raiser_kind="support" if k == 0 else "provider",
            raised_at=run.started_at - dt.timedelta(days=2),
            status=IssueStatus.SOLVED if k < 2 else IssueStatus.LONG_TERM,
            decision=f"Decided in week {i + 1}: change the process and check next week."
            if k < 2
            else "",
            decided_by=people[0] if k < 2 else None,
            solved_at=run.started_at + dt.timedelta(minutes=40) if k < 2 else None,
            solved_in=run if k < 2 else None,
        )
        for i, run in enumerate(runs)
        for k in range(3)
    )
    solved = [issue for issue in issues if issue.status == IssueStatus.SOLVED]
    ToDo.objects.bulk_create(
        ToDo(
            practice_id=pid,
            team_id=team_id,
            title=f"Follow up: {issue.title}"[:200],
            owner=people[(n + k) % len(people)],
            due=issue.solved_at.date() + dt.timedelta(days=core.TODO_DAYS),
            created_at=issue.solved_at,
            created_in=issue.solved_in,
            issue=issue,
            done_on=issue.solved_at.date() + dt.timedelta(days=rng.randint(1, 6))
            if rng.random() < 0.88
            else None,
        )
        for n, issue in enumerate(solved)
        for k in range(2)
        if issue.solved_at is not None
    )
    Headline.objects.bulk_create(
        Headline(
            practice_id=pid,
            run=run,
            kind=_KINDS[k],
            text=f"Headline {k + 1} of week {i + 1}",
            author=users[k % len(users)] if users else None,
            created_at=run.started_at + dt.timedelta(minutes=16),
        )
        for i, run in enumerate(runs)
        for k in range(3)
    )
    Rating.objects.bulk_create(
        Rating(practice_id=pid, run=run, user=user, score=rng.randint(7, 10))
        for run in runs
        for user in users
    )
    return len(runs)
