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


def test_role_card_gives_the_per_level_target_unless_the_measurable_has_its_own(
    chart: Any,
) -> None:
    chart.surgeon_role.expectations = [
        {
            "level": "senior",
            "measurable": "Cases",
            "unit": "count",
            "direction": "at_least",
            "target": 20,
        },
        {
            "level": "junior",
            "measurable": "Cases",
            "unit": "count",
            "direction": "at_least",
            "target": 5,
        },
    ]
    chart.surgeon_role.save()
    m = _measurable(chart, "cases")  # Bob is senior (the default level)
    MeasurableValue.objects.create(practice=m.practice, measurable=m, period=MONDAY, value=15)
    [row] = week_scorecard(chart.team, MONDAY)
    assert row.goal.text() == "≥ 20" and row.status is Status.RED
    m.level_targets = {"senior": {"low": "12"}}
    m.save()
    [row] = week_scorecard(chart.team, MONDAY)
    assert row.goal.text() == "≥ 12" and row.status is Status.GREEN


def test_per_provider_hour_uses_the_role_card_schedule(chart: Any) -> None:
    m = _measurable(chart, "production", normalise="per_provider_hour", goal_low=Decimal(300))
    MeasurableValue.objects.create(practice=m.practice, measurable=m, period=MONDAY, value=9000)
    [row] = week_scorecard(chart.team, MONDAY)
    assert row.current.value == Decimal(9000) and "no schedule" in row.note
    chart.surgeon_role.schedule = {"unit": "sessions", "clinic": 6, "theatre": 2}
    chart.surgeon_role.save()
    [row] = week_scorecard(chart.team, MONDAY)
    assert row.current.value == Decimal("281.25")  # 9000 / (8 sessions x 4 h)
    assert row.status is Status.RED and "32 scheduled hours" in row.note
