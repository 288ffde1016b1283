"""A team that meets: the standard chart's Surgical Services team with the manager and
the member (a support-seat scrub tech) linked to people in its seats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone


@dataclass
class Crew:
    """Handles on the meeting team."""

    team: Any
    other_team: Any
    meeting: Any
    mona: Any  # manager persona's person: holds the team's managing seat
    tess: Any  # member persona's person: a support seat on the team
    bob: Any  # a surgeon on the team (no login)


@pytest.fixture
def crew(personas: Any, chart: Any) -> Crew:
    """Surgical Services with its weekly meeting set up by the owner."""
    from practiceos.meetings.services import create_meeting
    from practiceos.org.models import Assignment, Person, Seat, Team

    p = personas.acme
    Seat.objects.filter(pk__in=[chart.tech_seat.pk, chart.surgeon_seat.pk]).update(team=chart.team)
    mona = Person.objects.create(
        practice=p, name="Mona Manager", email="mona@acme.example", user=personas.manager.user
    )
    tess = Person.objects.create(
        practice=p, name="Tess Tech", email="tess@acme.example", user=personas.member.user
    )
    Assignment.objects.create(practice=p, person=mona, seat=chart.manager_seat)
    Assignment.objects.create(practice=p, person=tess, seat=chart.tech_seat)
    other_team = Team.objects.create(practice=p, name="Front Office")
    meeting = create_meeting(
        actor=personas.owner, team=chart.team, name="Surgical weekly", weekday=1, start_time="07:30"
    )
    return Crew(chart.team, other_team, meeting, mona, tess, chart.bob)


@pytest.fixture
def numbers(personas, chart, crew):
    """Two measurables on the team (one red this week) and two priorities (one off track)."""
    from decimal import Decimal

    from practiceos.core.meetings import week_start
    from practiceos.scorecards.models import Measurable, MeasurableValue, Priority

    p = personas.acme
    week = week_start(timezone.localdate())
    on_time = Measurable.objects.create(
        practice=p,
        team=crew.team,
        seat=chart.manager_seat,
        name="First case on time %",
        key="first-case",
        operator="gte",
        goal_low=Decimal(90),
    )
    turnover = Measurable.objects.create(
        practice=p,
        team=crew.team,
        seat=chart.tech_seat,
        name="Room turnover minutes",
        key="turnover",
        operator="lte",
        goal_low=Decimal(30),
    )
    MeasurableValue.objects.create(practice=p, measurable=on_time, period=week, value=Decimal(72))
    MeasurableValue.objects.create(practice=p, measurable=turnover, period=week, value=Decimal(25))
    Priority.objects.create(
        practice=p,
        team=crew.team,
        seat=chart.manager_seat,
        title="Open a second OR",
        due=timezone.localdate(),
        status="off_track",
    )
    Priority.objects.create(
        practice=p,
        team=crew.team,
        seat=chart.tech_seat,
        title="Cross-train two techs",
        due=timezone.localdate(),
        status="on_track",
    )
    return on_time
