"""The one place the meeting reads the scorecard's numbers and priorities.

The scorecard and priorities belong to the scorecards app (``scorecards.reading``); the
meeting page only shows this week's numbers (reds highlighted) and the priorities'
status, and drops a red number or an off-track priority onto the issues list. Everything
it needs goes through the two functions below, so the meeting depends on one small
surface of the scorecards app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from practiceos.core.scorecard import Status, format_number
from practiceos.org.models import Team
from practiceos.scorecards.models import PriorityStatusChoices
from practiceos.scorecards.reading import owners_by_seat, team_priorities, week_scorecard
from practiceos.tenancy.models import Membership


@dataclass(frozen=True)
class NumberRow:
    """One measurable's number for the week, as the meeting shows it."""

    ref: str
    name: str
    owner: str
    value: str
    target: str
    red: bool
    missing: bool

    @property
    def issue_title(self) -> str:
        """What dropping the number onto the issues list calls the issue (fits a title)."""
        return f"{self.name}: {self.value} against a target of {self.target}"[:200]


@dataclass(frozen=True)
class PriorityRow:
    """One 90-day priority and whether it is on track."""

    ref: str
    title: str
    owner: str
    status: str
    due: dt.date
    off_track: bool

    @property
    def issue_title(self) -> str:
        """What dropping the priority onto the issues list calls the issue."""
        return f"Priority off track: {self.title}"[:200]


def available() -> bool:
    """True: the scorecards app is part of the installation (kept for the templates)."""
    return True


def numbers_for(team: Team, week: dt.date, viewer: Membership | None = None) -> list[NumberRow]:
    """The team's measurables for the week containing ``week`` (the scorecards app's fixed
    number of queries; private measurables only for viewers allowed to see them)."""
    rows = week_scorecard(team, week, viewer=viewer)
    return [
        NumberRow(
            ref=f"measurable:{row.measurable.pk}:{row.current.period.isoformat()}",
            name=row.measurable.name,
            owner=row.owner,
            value=format_number(row.current.value) or "not entered",
            target=row.current.goal.text(),
            red=row.status is Status.RED,
            missing=row.status is Status.MISSING,
        )
        for row in rows
    ]


def priorities_for(team: Team) -> list[PriorityRow]:
    """The team's open priorities with their owners (three queries)."""
    items = team_priorities(team)
    owners = owners_by_seat(p.seat_id for p in items if p.seat_id)
    return [
        PriorityRow(
            ref=f"priority:{p.pk}",
            title=p.title,
            owner=owners.get(p.seat_id or 0, (p.seat.name if p.seat else "no owner", ""))[0],
            status=PriorityStatusChoices(p.status).label,
            due=p.due,
            off_track=p.status == PriorityStatusChoices.OFF_TRACK,
        )
        for p in items
    ]
