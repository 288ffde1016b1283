"""The read functions other apps use: week_scorecard and team_priorities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from practiceos.core.scorecard import Status
from practiceos.scorecards.models import Measurable, MeasurableValue, Milestone, Priority
from practiceos.scorecards.reading import team_priorities, week_scorecard

MONDAY = dt.date(2026, 11, 23)


def _measurable(chart: Any, key: str, **kw: Any) -> Measurable:
    fields = {"name": key.title(), "operator": "gte", "goal_low": Decimal(10)} | kw
    return Measurable.objects.create(
        practice=chart.team.practice, team=chart.team, seat=chart.surgeon_seat, key=key, **fields
    )


def test_week_scorecard_judges_this_week_and_counts_the_red_streak(chart: Any) -> None:
    m = _measurable(chart, "cases")
    for weeks_ago, value in [(3, 12), (2, 8), (1, 7), (0, 6)]:
        MeasurableValue.objects.create(
            practice=m.practice,
            measurable=m,
            period=MONDAY - dt.timedelta(weeks=weeks_ago),
            value=Decimal(value),
        )
    [row] = week_scorecard(chart.team, MONDAY + dt.timedelta(days=2))
    assert row.current.value == Decimal(6)
    assert row.status is Status.RED
    assert row.red_streak == 3
    assert row.owner == "Bob Surgeon"
    assert row.alerts[0].text == "red 3 weeks running"


def test_missing_number_is_missing_not_zero_and_formula_reads_inputs(chart: Any) -> None:
    a = _measurable(chart, "production", goal_low=None)
    b = _measurable(chart, "hours", goal_low=None)
    _measurable(chart, "per-hour", formula="production / hours", goal_low=Decimal(100))
    MeasurableValue.objects.create(practice=a.practice, measurable=a, period=MONDAY, value=1000)
    MeasurableValue.objects.create(practice=b.practice, measurable=b, period=MONDAY, value=8)
    rows = {r.measurable.key: r for r in week_scorecard(chart.team, MONDAY)}
    assert rows["per-hour"].current.value == Decimal("125.0000")
    assert rows["per-hour"].status is Status.GREEN
    earlier = rows["per-hour"].cells[-2]
    assert earlier.value is None and earlier.status is Status.MISSING


def test_team_priorities_leave_out_closed_ones_and_carry_milestones(chart: Any) -> None:
    p = chart.team.practice
    open_ = Priority.objects.create(
        practice=p, team=chart.team, seat=chart.manager_seat, title="Hire", due=MONDAY
    )
    Priority.objects.create(practice=p, team=chart.team, title="Old", due=MONDAY, status="done")
    Milestone.objects.create(practice=p, priority=open_, title="Post the ad")
    [got] = team_priorities(chart.team)
    assert got == open_
    assert [m.title for m in got.milestones.all()] == ["Post the ad"]
    assert len(team_priorities(chart.team, include_closed=True)) == 2
