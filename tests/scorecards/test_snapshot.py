"""The scorecard section of the snapshot, and the Alignment rules on a live practice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from practiceos.core import scorecard as sc
from practiceos.core.health import run_check
from practiceos.org.snapshot import build_snapshot
from practiceos.scorecards.models import Dependency, MeasurableValue, PulseAnswer

AS_OF = dt.date(2026, 11, 25)
LAST = sc.week_start(AS_OF) - dt.timedelta(weeks=1)


def _values(m: Any, values: list[int]) -> None:
    for ago, v in enumerate(reversed(values)):
        MeasurableValue.objects.create(
            practice=m.practice, measurable=m, period=LAST - dt.timedelta(weeks=ago), value=v
        )


@pytest.mark.parametrize(
    ("operator", "low", "high", "values", "streak"),
    [
        ("gte", 10, None, [12, 8, 7, 6], 3),
        ("lte", 5, None, [9, 4, 6], 1),
        ("eq", 1, None, [0, 0], 2),
        ("between", 2, 4, [3, 5, 1], 2),
        ("outside", 2, 4, [1, 3], 1),
        ("gte", 10, None, [12, 11], 0),
    ],
)
def test_red_streak_is_computed_by_the_database_per_operator(
    board: Any, operator: str, low: int, high: int | None, values: list[int], streak: int
) -> None:
    m = board.cases
    m.operator, m.goal_low = operator, Decimal(low)
    m.goal_high = Decimal(high) if high is not None else None
    m.save()
    _values(m, values)
    snap = build_snapshot(m.practice, as_of=AS_OF)
    info = next(x for x in snap.measurables if x.id == str(m.pk))
    assert info.red_streak == streak


def test_a_missing_week_ends_the_streak(board: Any) -> None:
    _values(board.cases, [5, 5, 5])
    MeasurableValue.objects.filter(period=LAST - dt.timedelta(weeks=1)).delete()
    snap = build_snapshot(board.cases.practice, as_of=AS_OF)
    assert next(x for x in snap.measurables if x.name == "Cases").red_streak == 1


def test_live_practice_gets_alignment_findings(board: Any, personas: Any, chart: Any) -> None:
    _values(board.cases, [5, 5, 5])
    dep = Dependency.objects.create(
        practice=personas.acme, from_measurable=board.cases, to_measurable=board.on_time
    )
    Dependency.objects.filter(pk=dep.pk).update(created_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    for i in range(3):
        from practiceos.org.models import Person

        person = Person.objects.create(practice=personas.acme, name=f"P{i}")
        for month in (dt.date(2026, 10, 1), dt.date(2026, 11, 1)):
            PulseAnswer.objects.create(
                practice=personas.acme, person=person, month=month, team=chart.team, peers=2
            )
    report = run_check(build_snapshot(personas.acme, as_of=AS_OF))
    rules = {f.rule for f in report.findings}
    assert {
        "off-track-streak",
        "measurable-not-linked",
        "dependency-unacknowledged",
        "alignment-low",
    } <= rules
    assert "measurable-without-owner" not in rules
