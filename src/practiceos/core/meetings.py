"""The weekly team meeting's arithmetic: agenda timing, to-do completion rates, rule maths.

Pure Python (no Django). The ``meetings`` Django app stores meetings, runs, team issues,
to-dos, headlines and ratings and calls these functions; the health-check rules in
:mod:`practiceos.core.health.rules.meetings` read :class:`TeamMeetings` records that the
app's snapshot builder puts on :attr:`practiceos.core.model.Snapshot.team_meetings`.

The standard agenda is a data file (``core/data/meeting_agenda.yaml``) read through
:func:`standard_agenda`, which validates it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from practiceos.core.problems import InputError, Problem

#: The section keys the live page knows how to show, in the standard order.
SECTION_KEYS: tuple[str, ...] = (
    "checkin",
    "scorecard",
    "priorities",
    "headlines",
    "todos",
    "issues",
    "conclude",
)
#: Longest a single section may be set to, in minutes (a meeting is not a retreat).
MAX_SECTION_MINUTES = 180
#: Days from a to-do's creation to its due date unless told otherwise.
TODO_DAYS = 7
#: Weeks the completion rates look back over.
RATE_WEEKS = 13
#: How many issues a team works at once.
TOP_ISSUES = 3
#: Ratings run from 1 to 10.
RATING_MIN, RATING_MAX = 1, 10

_AGENDA_FILE = Path(__file__).with_name("data") / "meeting_agenda.yaml"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One section of a meeting's agenda: which panel (``key``), its title and minutes."""

    key: str
    title: str
    minutes: int
    purpose: str = ""


def parse_agenda(data: object, where: str = "agenda") -> tuple[AgendaItem, ...]:
    """Validate an agenda document (``{"sections": [...]}``) into items.

    Every problem is reported at once as an :class:`InputError` naming the place, the
    value and what is accepted: each section has a known ``key`` (once), a non-empty
    ``title`` and whole ``minutes`` from 0 to :data:`MAX_SECTION_MINUTES`.
    """
    problems: list[Problem] = []
    sections = data.get("sections") if isinstance(data, Mapping) else None
    if not isinstance(sections, list) or not sections:
        raise InputError([Problem(f"{where}.sections", "must be a non-empty list of sections")])
    items: list[AgendaItem] = []
    seen: set[str] = set()
    for index, raw in enumerate(sections):
        here = f"{where}.sections[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(Problem(here, f"must be a mapping, got {raw!r}"))
            continue
        key, title, minutes = raw.get("key"), raw.get("title"), raw.get("minutes")
        purpose = raw.get("purpose", "")
        if key not in SECTION_KEYS:
            problems.append(
                Problem(f"{here}.key", f"{key!r} is not one of {', '.join(SECTION_KEYS)}")
            )
        elif key in seen:
            problems.append(Problem(f"{here}.key", f"{key!r} appears twice"))
        if not isinstance(title, str) or not title.strip() or len(title) > 60:
            problems.append(
                Problem(f"{here}.title", f"must be text of 1-60 characters, got {title!r}")
            )
        problems.extend(minutes_problems(minutes, f"{here}.minutes"))
        if not isinstance(purpose, str):
            problems.append(Problem(f"{here}.purpose", f"must be text, got {purpose!r}"))
        if not problems:
            assert isinstance(key, str) and isinstance(title, str) and isinstance(minutes, int)
            assert isinstance(purpose, str)
            seen.add(key)
            items.append(AgendaItem(key, title.strip(), minutes, purpose.strip()))
    if problems:
        raise InputError(problems)
    return tuple(items)


def minutes_problems(value: object, where: str) -> list[Problem]:
    """Problems with a section length: whole minutes from 0 (section off) to the maximum."""
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 0 <= value <= MAX_SECTION_MINUTES
    ):
        return [
            Problem(
                where,
                f"must be whole minutes from 0 to {MAX_SECTION_MINUTES}, got {value!r}",
            )
        ]
    return []


@cache
def standard_agenda() -> tuple[AgendaItem, ...]:
    """The standard weekly agenda from ``core/data/meeting_agenda.yaml`` (validated once)."""
    return parse_agenda(yaml.safe_load(_AGENDA_FILE.read_text(encoding="utf-8")), "meeting_agenda")


def agenda_minutes(items: Iterable[AgendaItem]) -> int:
    """The whole meeting's planned length in minutes."""
    return sum(item.minutes for item in items)


@dataclass(frozen=True, slots=True)
class SectionClock:
    """Where a running section stands: seconds gone, seconds left (never below 0), overrun."""

    elapsed: int
    remaining: int
    overrun: int

    @property
    def label(self) -> str:
        """``12:30 left`` or ``2:05 over``."""
        if self.overrun:
            return f"{_mmss(self.overrun)} over"
        return f"{_mmss(self.remaining)} left"


def _mmss(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def section_clock(started_at: dt.datetime, minutes: int, now: dt.datetime) -> SectionClock:
    """The clock of a section that started at ``started_at`` and lasts ``minutes``."""
    elapsed = max(0, int((now - started_at).total_seconds()))
    planned = minutes * 60
    return SectionClock(elapsed, max(0, planned - elapsed), max(0, elapsed - planned))


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (weeks run Monday to Sunday)."""
    return day - dt.timedelta(days=day.weekday())


def next_meeting_on(weekday: int, after: dt.date) -> dt.date:
    """The first date on or after ``after`` that falls on ``weekday`` (0 is Monday)."""
    return after + dt.timedelta(days=(weekday - after.weekday()) % 7)


def default_due(created: dt.date) -> dt.date:
    """A new to-do's due date: :data:`TODO_DAYS` after it was made (the next meeting)."""
    return created + dt.timedelta(days=TODO_DAYS)


@dataclass(frozen=True, slots=True)
class TodoOutcome:
    """A to-do as the rates see it: its owner, due date, and the day it was done (or not)."""

    owner_id: str
    due: dt.date
    done_on: dt.date | None = None

    def done_in_time(self) -> bool:
        """Done on or before its due date (the meeting that reviews it)."""
        return self.done_on is not None and self.done_on <= self.due


@dataclass(frozen=True, slots=True)
class Rate:
    """To-dos done in time out of those that fell due; ``percent`` is ``None`` for none due."""

    done: int
    due: int

    @property
    def percent(self) -> int | None:
        """Whole-number percentage, rounded half up; ``None`` when nothing fell due."""
        if self.due == 0:
            return None
        return (200 * self.done + self.due) // (2 * self.due)

    def below(self, goal: int) -> bool:
        """True when something fell due and the rate is under ``goal`` percent."""
        percent = self.percent
        return percent is not None and percent < goal


def rate_window(today: dt.date, weeks: int = RATE_WEEKS) -> tuple[dt.date, dt.date]:
    """The days ``[start, end)`` a rate covers: the last ``weeks`` weeks up to yesterday.

    To-dos due today are still open for today's meeting, so they do not count yet.
    """
    return today - dt.timedelta(weeks=weeks), today


def completion_rate(todos: Iterable[TodoOutcome], today: dt.date, weeks: int = RATE_WEEKS) -> Rate:
    """The team's completion rate over the last ``weeks`` weeks (see :func:`rate_window`)."""
    start, end = rate_window(today, weeks)
    done = due = 0
    for todo in todos:
        if start <= todo.due < end:
            due += 1
            done += todo.done_in_time()
    return Rate(done, due)


def completion_by_owner(
    todos: Iterable[TodoOutcome], today: dt.date, weeks: int = RATE_WEEKS
) -> dict[str, Rate]:
    """Each owner's completion rate over the last ``weeks`` weeks (owners with none due
    are left out)."""
    start, end = rate_window(today, weeks)
    counts: dict[str, list[int]] = {}
    for todo in todos:
        if start <= todo.due < end:
            pair = counts.setdefault(todo.owner_id, [0, 0])
            pair[0] += todo.done_in_time()
            pair[1] += 1
    return {owner: Rate(done, due) for owner, (done, due) in counts.items()}


def weekly_rates(
    todos: Sequence[TodoOutcome], today: dt.date, weeks: int = RATE_WEEKS
) -> list[tuple[dt.date, Rate]]:
    """The team's rate week by week (Monday of each week, oldest first), for a trend."""
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    buckets = [[0, 0] for _ in range(weeks)]
    for todo in todos:
        if todo.due >= today:
            continue
        index = (todo.due - first).days // 7
        if 0 <= index < weeks:
            buckets[index][0] += todo.done_in_time()
            buckets[index][1] += 1
    return [
        (first + dt.timedelta(weeks=i), Rate(done, due)) for i, (done, due) in enumerate(buckets)
    ]


def rating_problems(value: object, where: str = "score") -> list[Problem]:
    """Problems with a meeting rating: a whole number from 1 to 10."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not RATING_MIN <= value <= RATING_MAX
    ):
        return [
            Problem(
                where, f"must be a whole number from {RATING_MIN} to {RATING_MAX}, got {value!r}"
            )
        ]
    return []


def average_rating(scores: Iterable[int]) -> float | None:
    """The mean rating to one decimal, or ``None`` when nobody rated."""
    values = list(scores)
    if not values:
        return None
    return round(sum(values) / len(values), 1)


def live_etag(run_id: int, version: int) -> str:
    """The live fragment's version tag: it changes whenever anything the fragment shows does."""
    return f'"run-{run_id}-v{version}"'


# --- what the health-check rules read ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenIssue:
    """An open issue on a team's list, as the rules see it."""

    id: str
    title: str
    raised_on: dt.date
    top: bool = False


@dataclass(frozen=True, slots=True)
class TeamMeetings:
    """One team's meeting record for the health check.

    ``recurring`` is true when the team has an active recurring meeting, set up on
    ``since``; ``last_held`` is the day its most recent run started; ``todos`` are the
    to-dos due in the last :data:`RATE_WEEKS` weeks; ``open_issues`` the open issues on its
    list (not the long-term list); ``last_support_issue`` the day an issue was last raised
    by someone in a support seat.
    """

    team_id: str
    meeting_name: str
    recurring: bool
    since: dt.date
    last_held: dt.date | None = None
    todos: tuple[TodoOutcome, ...] = ()
    open_issues: tuple[OpenIssue, ...] = ()
    last_support_issue: dt.date | None = None


def meeting_overdue(record: TeamMeetings, today: dt.date, gap_weeks: int) -> bool:
    """True when a recurring meeting has not been held for ``gap_weeks`` weeks.

    A series set up less than ``gap_weeks`` ago is not overdue yet (it has had no chance).
    """
    if not record.recurring:
        return False
    limit = today - dt.timedelta(weeks=gap_weeks)
    last = record.last_held or record.since
    return last <= limit


def stale_issues(record: TeamMeetings, today: dt.date, weeks: int) -> list[OpenIssue]:
    """Top issues open for ``weeks`` weeks or more, oldest first."""
    limit = today - dt.timedelta(weeks=weeks)
    return sorted(
        (i for i in record.open_issues if i.top and i.raised_on <= limit),
        key=lambda i: (i.raised_on, i.id),
    )


def support_voice_missing(record: TeamMeetings, today: dt.date, weeks: int) -> bool:
    """True when a team that has met for ``weeks`` weeks heard no issue from support staff
    in that time (the caller checks the team has support seats)."""
    limit = today - dt.timedelta(weeks=weeks)
    if not record.recurring or record.since > limit:
        return False
    return record.last_support_issue is None or record.last_support_issue <= limit
