"""Pinned query counts: each meeting page and each section of the live fragment costs the
same number of queries with 2 weeks or 5 years of meetings behind the team.

Three of every count are the request's own: the session, the user and the membership.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from practiceos.meetings import services
from practiceos.meetings.history import build_history
from practiceos.org.models import Assignment, Person, Seat
from practiceos.tenancy.models import Membership

HX = {"HTTP_HX_REQUEST": "true"}
SIZES = {"2-weeks": 2, "5-years": 260}

# section -> queries: the version check, the run, person + teams (may take part), then the
# section's own reads
SECTIONS = {
    "checkin": 8,  # + attendees
    # + the scorecards app's own reads (its count is the scorecards app's to pin; here
    # it must only be the same at both sizes)
    "scorecard": 7,
    "priorities": 7,
    "headlines": 8,  # + headlines
    "todos": 9,  # + to-dos for review, rates
    "issues": 9,  # + open issues, solved in this run
    "conclude": 13,  # + recap (to-dos, decisions, headlines, ratings, attendees), my rating
}


@pytest.fixture
def twelve(personas, chart, crew, numbers):
    """Crew's team grown to 12 people with logins (members of acme)."""
    p = personas.acme
    users = [personas.manager.user, personas.member.user]
    for i in range(10):
        user = User.objects.create_user(username=f"staff{i}")
        Membership.objects.create(practice=p, user=user, role="member")
        seat = Seat.objects.create(
            practice=p,
            name=f"Nurse {i}",
            kind="support",
            team=crew.team,
            reports_to=chart.manager_seat,
        )
        person = Person.objects.create(practice=p, name=f"Nurse {i}", user=user)
        Assignment.objects.create(practice=p, person=person, seat=seat)
        users.append(user)
    people = list(Person.objects.filter(practice=p, user__isnull=False))
    return people, users


@pytest.mark.parametrize("weeks", list(SIZES.values()), ids=list(SIZES))
@pytest.mark.parametrize("section", list(SECTIONS))
def test_live_fragment_queries_are_fixed(
    personas, login, crew, twelve, django_assert_num_queries, section, weeks
):
    people, users = twelve
    build_history(crew.meeting, people, users, weeks=weeks)
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    index = [s["key"] for s in run.agenda].index(section)
    run = services.go_to_section(actor=personas.manager, run=run, section=index)
    client = login("member")
    url = f"/meetings/runs/{run.pk}/live/"
    with django_assert_num_queries(4):
        assert client.get(url, {"v": run.version}, **HX).status_code == 204
    expected = SECTIONS[section] + _adapter_queries(section, crew.team)
    with django_assert_num_queries(expected):
        response = client.get(url, {"v": 0}, **HX)
    assert response.status_code == 200


def _adapter_queries(section, team):
    """Queries the scorecard adapter makes for the section (0 for the others)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from practiceos.core.meetings import week_start
    from practiceos.meetings import scorecard

    if section not in ("scorecard", "priorities"):
        return 0
    with CaptureQueriesContext(connection) as ctx:
        if section == "scorecard":
            rows = scorecard.numbers_for(team, week_start(timezone.localdate()))
        else:
            rows = scorecard.priorities_for(team)
    assert rows  # the fixture's numbers and priorities are there
    return len(ctx)


@pytest.mark.parametrize("section", ["scorecard", "priorities"])
def test_scorecard_adapter_queries_do_not_grow_with_history(personas, crew, twelve, section):
    people, users = twelve
    small = _adapter_queries(section, crew.team)
    build_history(crew.meeting, people, users, weeks=260)
    assert _adapter_queries(section, crew.team) == small


PAGES = {
    # teams, meetings, open runs, my to-dos
    "overview": (lambda c: "/meetings/", 7),
    # team, meeting + sections, rates, runs, issues, long-term, to-dos, person + teams,
    # attendees, other teams, messages from other teams
    "team": (lambda c: f"/meetings/teams/{c.team.pk}/", 15),
    # count, page
    "decisions": (lambda c: f"/meetings/teams/{c.team.pk}/decisions/?q=process", 6),
}


@pytest.mark.parametrize("weeks", list(SIZES.values()), ids=list(SIZES))
@pytest.mark.parametrize("page", list(PAGES))
def test_page_queries_are_fixed(
    personas, login, crew, twelve, django_assert_num_queries, page, weeks
):
    people, users = twelve
    build_history(crew.meeting, people, users, weeks=weeks)
    client = login("member")
    url, expected = PAGES[page]
    with django_assert_num_queries(expected):
        assert client.get(url(crew)).status_code == 200
