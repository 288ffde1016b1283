"""The scorecard and priorities sections read the scorecards app: this week's numbers with
reds highlighted, priorities on or off track, and one click drops either onto the issues
list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from practiceos.core.meetings import week_start
from practiceos.meetings import services
from practiceos.meetings.models import IssueSource, TeamIssue

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def numbers(personas, chart, crew):
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


def test_red_numbers_are_highlighted_and_drop_onto_the_issues_list(personas, login, crew, numbers):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.go_to_section(actor=personas.manager, run=run, section=1)
    client = login("member")
    body = client.get(f"/meetings/runs/{run.pk}/").content.decode()
    assert "First case on time %" in body and "Room turnover minutes" in body
    red_rows = [row for row in body.split("<tr") if 'class="red"' in row]
    assert len(red_rows) == 1 and "First case on time %" in red_rows[0]
    assert "Drop onto issues" in red_rows[0]
    # The drop form's fields, posted as the button would.
    response = client.post(
        f"/meetings/teams/{crew.team.pk}/issues/",
        {
            "title": "First case on time %: 72 against a target of ≥ 90",
            "source": "scorecard",
            "source_ref": f"measurable:{numbers.pk}:x",
        },
        **HX,
    )
    assert response.status_code == 204
    issue = TeamIssue.objects.get()
    assert issue.source == IssueSource.SCORECARD and issue.title.startswith("First case")


def test_priorities_show_on_and_off_track(personas, login, crew, numbers):
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    services.go_to_section(actor=personas.manager, run=run, section=2)
    body = login("member").get(f"/meetings/runs/{run.pk}/").content.decode()
    red_rows = [row for row in body.split("<tr") if 'class="red"' in row]
    assert len(red_rows) == 1 and "Open a second OR" in red_rows[0] and "Off track" in red_rows[0]
    assert "Cross-train two techs" in body and "On track" in body
