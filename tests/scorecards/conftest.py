"""Scorecard fixtures: a team with measurables on the standard chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest


@dataclass
class Board:
    """Measurables, a team goal and a priority on the chart's Surgical Services team."""

    cases: Any
    on_time: Any
    goal: Any
    priority: Any


@pytest.fixture
def board(chart: Any, personas: Any) -> Board:
    from practiceos.scorecards.models import GoalLink, Measurable, Priority, TeamGoal

    p = personas.acme
    chart.tech_seat.team = chart.team
    chart.tech_seat.save()
    chart.surgeon_seat.team = chart.team
    chart.surgeon_seat.save()
    goal = TeamGoal.objects.create(practice=p, team=chart.team, name="Start on time", target="95%")
    cases = Measurable.objects.create(
        practice=p,
        team=chart.team,
        seat=chart.surgeon_seat,
        name="Cases",
        key="cases",
        operator="gte",
        goal_low=Decimal(10),
    )
    on_time = Measurable.objects.create(
        practice=p,
        team=chart.team,
        seat=chart.tech_seat,
        name="First case on time",
        key="on-time",
        unit="percent",
        operator="gte",
        goal_low=Decimal(95),
        position=1,
    )
    GoalLink.objects.create(practice=p, measurable=on_time, team_goal=goal)
    priority = Priority.objects.create(
        practice=p,
        team=chart.team,
        seat=chart.manager_seat,
        team_goal=goal,
        title="Second theatre staffed",
        due="2026-12-31",
    )
    return Board(cases, on_time, goal, priority)


from tests.api.conftest import api_as, make_token  # noqa: E402, F401  (API fixtures)
