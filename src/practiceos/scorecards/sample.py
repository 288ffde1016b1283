"""Sample scorecards for demos, tests and benchmarks: measurables, numbers, goals,
priorities and dependencies written with ``bulk_create`` (a few queries per table).

Numbers follow a seeded random walk around each measurable's goal, so some are red,
some green and a few missing (never zeros standing in for missing).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from decimal import Decimal

from practiceos.core import scorecard as sc
from practiceos.core.measurable_library import LibraryMeasurable, library
from practiceos.org.models import Seat, Team
from practiceos.scorecards.models import (
    Dependency,
    GoalLink,
    Measurable,
    MeasurableValue,
    Priority,
    TeamGoal,
)

MISSING_RATE = 0.04


def _entries(field: str) -> list[LibraryMeasurable]:
    chosen = [m for lib in library() if lib.field in (field, "general") for m in lib.measurables]
    return [m for m in chosen if m.goal is not None]


def _walk(entry: LibraryMeasurable, weeks: int, rnd: random.Random) -> list[Decimal | None]:
    goal = float(entry.goal or 1)
    scale = max(abs(goal) * 0.08, 0.5)
    value = goal * rnd.uniform(0.85, 1.15)
    out: list[Decimal | None] = []
    for _ in range(weeks):
        value += rnd.gauss(0, scale)
        if entry.unit is sc.Unit.PERCENT:
            value = min(max(value, 0.0), 100.0)
        elif value < 0:
            value = 0.0
        if rnd.random() < MISSING_RATE:
            out.append(None)
        elif entry.unit is sc.Unit.YES_NO:
            out.append(Decimal(1 if rnd.random() < 0.85 else 0))
        else:
            out.append(Decimal(f"{value:.2f}"))
    return out


def _steady(entry: LibraryMeasurable, weeks: int, rnd: random.Random) -> list[Decimal | None]:
    """Numbers of a team that mostly hits its goals: each week near a point a little on
    the good side of the goal, so about one week in ten is red and streaks are rare."""
    goal = float(entry.goal or 1)
    margin = max(abs(goal) * 0.06, 0.5)
    if entry.operator is sc.Operator.AT_LEAST:
        target = goal + margin
    elif entry.operator is sc.Operator.AT_MOST:
        target = max(goal - margin, 0.0)
    elif entry.operator is sc.Operator.BETWEEN and entry.goal_high is not None:
        target = (goal + float(entry.goal_high)) / 2
    else:
        target = goal
    out: list[Decimal | None] = []
    for _ in range(weeks):
        if rnd.random() < MISSING_RATE / 2:
            out.append(None)
        elif entry.unit is sc.Unit.YES_NO:
            out.append(Decimal(1 if rnd.random() < 0.95 else 0))
        elif entry.operator is sc.Operator.EQUAL:
            out.append(
                Decimal(f"{goal:.2f}") if rnd.random() < 0.9 else Decimal(f"{goal + margin:.2f}")
            )
        else:
            value = target + rnd.gauss(0, margin * 0.66)
            if entry.unit is sc.Unit.PERCENT:
                value = min(max(value, 0.0), 100.0)
            out.append(Decimal(f"{max(value, 0.0):.2f}"))
    return out


def build_team_board(
    team: Team,
    seats: Sequence[Seat],
    *,
    per_seat: int = 5,
    weeks: int = 13,
    end: dt.date | None = None,
    field: str = "dental",
    seed: int = 1,
    history: bool = True,
    steady: bool = False,
) -> list[Measurable]:
    """Give ``team`` ``per_seat`` measurables per seat with ``weeks`` weeks of numbers.

    Also one team goal (half the measurables serve it), one priority per seat and a
    dependency between each pair of neighbouring seats. Returns the measurables.
    ``steady``: a team that mostly hits its goals (a few red weeks, every measurable
    serving the goal, priorities on track), as a demo a new user reads; otherwise a
    random walk that leaves many numbers red (tests and benchmarks want findings).
    """
    rnd = random.Random(seed * 7919 + team.pk)
    pid = team.practice_id
    entries = _entries(field)
    goal = TeamGoal.objects.create(practice_id=pid, team=team, name=f"{team.name} goal", target="")
    made: list[tuple[Measurable, LibraryMeasurable]] = []
    for s, seat in enumerate(seats):
        for i in range(per_seat):
            entry = entries[(s * per_seat + i) % len(entries)]
            made.append(
                (
                    Measurable(
                        practice_id=pid,
                        team=team,
                        seat=seat,
                        name=entry.name,
                        key=f"t{team.pk}-s{seat.pk}-{i}",
                        unit=entry.unit.value,
                        operator=entry.operator.value,
                        goal_low=entry.goal,
                        goal_high=entry.goal_high,
                        cadence="weekly",
                        library_id=entry.id,
                        position=s * per_seat + i,
                    ),
                    entry,
                )
            )
    measurables = Measurable.objects.bulk_create([m for m, _ in made], batch_size=2000)
    GoalLink.objects.bulk_create(
        [
            GoalLink(practice_id=pid, measurable=m, team_goal=goal)
            for m in (measurables if steady else measurables[::2])
        ],
        batch_size=2000,
    )
    if history:
        last = sc.week_start(end or dt.date.today())
        periods = sc.trailing_periods(last, weeks, sc.Cadence.WEEKLY)
        batch: list[MeasurableValue] = []
        for m, (_, entry) in zip(measurables, made, strict=True):
            numbers = (_steady if steady else _walk)(entry, weeks, rnd)
            for period, value in zip(periods, numbers, strict=True):
                if value is not None:
                    batch.append(
                        MeasurableValue(practice_id=pid, measurable=m, period=period, value=value)
                    )
            if len(batch) >= 20_000:
                MeasurableValue.objects.bulk_create(batch, batch_size=5000)
                batch = []
        MeasurableValue.objects.bulk_create(batch, batch_size=5000)
    due = (end or dt.date.today()) + dt.timedelta(days=60)
    priorities = Priority.objects.bulk_create(
        [
            Priority(
                practice_id=pid,
                team=team,
                seat=seat,
                team_goal=goal,
                title=f"Priority of {seat.name}"[:200],
                due=due,
                status="on_track" if rnd.random() < (0.95 if steady else 0.8) else "off_track",
            )
            for seat in seats
        ]
    )
    Dependency.objects.bulk_create(
        [
            Dependency(practice_id=pid, from_priority=a, to_priority=b)
            for a, b in itertools.pairwise(priorities)
        ]
    )
    return measurables
