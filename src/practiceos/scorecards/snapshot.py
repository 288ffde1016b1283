"""The scorecard section of a snapshot: what the Alignment rules read (7 queries, any size).

Registered with :func:`practiceos.org.snapshot.register_section` in ``AppConfig.ready``.
The red streak of each weekly measurable is computed from the red weeks alone: the
database compares each number with its measurable's goal (so only red rows come back),
over the :data:`STREAK_WEEKS` weeks before the snapshot's week. Goal overrides and
per-level targets are not applied here (the scorecard page applies them); the streak is
a health signal, not the page's figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count, F, Q

from practiceos.core import alignment as al
from practiceos.core import scorecard as sc
from practiceos.scorecards.models import (
    Dependency,
    GoalLink,
    Measurable,
    MeasurableValue,
    Priority,
    PulseAnswer,
    TeamGoal,
)
from practiceos.tenancy.models import Practice

STREAK_WEEKS = 12
PULSE_MONTHS = 6

#: A number that misses its measurable's goal, as a database condition.
RED = Q(measurable__goal_low__isnull=False) & (
    Q(measurable__operator="gte", value__lt=F("measurable__goal_low"))
    | Q(measurable__operator="lte", value__gt=F("measurable__goal_low"))
    | (Q(measurable__operator="eq") & ~Q(value=F("measurable__goal_low")))
    | (
        Q(measurable__operator="between")
        & (Q(value__lt=F("measurable__goal_low")) | Q(value__gt=F("measurable__goal_high")))
    )
    | Q(
        measurable__operator="outside",
        value__gte=F("measurable__goal_low"),
        value__lte=F("measurable__goal_high"),
    )
)


def _s(pk: int | None) -> str | None:
    return None if pk is None else str(pk)


def red_streaks(practice_id: int, as_of: dt.date) -> dict[int, int]:
    """``{measurable id: weeks red in a row}`` up to the last complete week (1 query)."""
    last = sc.week_start(as_of) - dt.timedelta(weeks=1)
    first = last - dt.timedelta(weeks=STREAK_WEEKS - 1)
    red: dict[int, set[dt.date]] = defaultdict(set)
    for mid, period in (
        MeasurableValue.objects.filter(
            practice_id=practice_id,
            period__gte=first,
            period__lte=last,
            measurable__active=True,
            measurable__cadence="weekly",
        )
        .filter(RED)
        .values_list("measurable_id", "period")
    ):
        red[mid].add(period)
    out: dict[int, int] = {}
    for mid, weeks in red.items():
        n, week = 0, last
        while week in weeks:
            n += 1
            week -= dt.timedelta(weeks=1)
        if n:
            out[mid] = n
    return out


def build_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """The scorecard fields of :class:`practiceos.core.model.Snapshot` for ``practice``."""
    pid = practice.pk
    goals_of: dict[int, list[str]] = defaultdict(list)
    for mid, gid in GoalLink.objects.filter(practice_id=pid).values_list(
        "measurable_id", "team_goal_id"
    ):
        goals_of[mid].append(str(gid))
    streaks = red_streaks(pid, as_of)
    measurables = tuple(
        al.MeasurableInfo(
            str(pk),
            name,
            _s(team),
            _s(seat),
            tuple(goals_of.get(pk, ())),
            visibility == "private",
            streaks.get(pk, 0),
        )
        for pk, name, team, seat, visibility in Measurable.objects.filter(
            practice_id=pid, active=True
        )
        .order_by("pk")
        .values_list("pk", "name", "team_id", "seat_id", "visibility")
    )
    team_goals = tuple(
        al.TeamGoalInfo(str(pk), str(team), name)
        for pk, team, name in TeamGoal.objects.filter(practice_id=pid)
        .order_by("pk")
        .values_list("pk", "team_id", "name")
    )
    priorities = tuple(
        al.PriorityInfo(str(pk), title, _s(team), _s(seat), status, due)
        for pk, title, team, seat, status, due in Priority.objects.filter(practice_id=pid)
        .order_by("pk")
        .values_list("pk", "title", "team_id", "seat_id", "status", "due")
    )
    dependencies = tuple(
        al.DependencyInfo(
            str(pk),
            f"m:{fm}" if fm else f"p:{fp}",
            f"m:{tm}" if tm else f"p:{tp}",
            created.date(),
            acked is not None,
        )
        for pk, fm, fp, tm, tp, created, acked in Dependency.objects.filter(practice_id=pid)
        .order_by("pk")
        .values_list(
            "pk",
            "from_measurable_id",
            "from_priority_id",
            "to_measurable_id",
            "to_priority_id",
            "created_at",
            "acknowledged_at",
        )
    )
    since = sc.trailing_periods(as_of, PULSE_MONTHS, sc.Cadence.MONTHLY)[0]
    pulse = tuple(
        al.PulseMonth(str(row["team_id"]), row["month"], row["n"], float(row["peers"]))
        for row in PulseAnswer.objects.filter(
            practice_id=pid, month__gte=since, team_id__isnull=False
        )
        .values("team_id", "month")
        .annotate(n=Count("id"), peers=Avg("peers"))
        .order_by("team_id", "month")
    )
    return {
        "measurables": measurables,
        "team_goals": team_goals,
        "priorities": priorities,
        "dependencies": dependencies,
        "pulse": pulse,
    }
