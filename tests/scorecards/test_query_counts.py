"""Pinned query counts: scorecard pages and API lists cost the same at two data sizes.

Small: a 10-seat chart, a team of 3 seats × 2 measurables, 13 weeks of numbers.
Large: a 292-seat chart, a team of 20 seats × 5 measurables, 60 weeks of numbers.
Three of every page count are the request's own: the session, the user and the membership.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from practiceos.org.models import Seat, Team
from practiceos.scorecards.sample import build_team_board
from tests.web.conftest import build_org

SMALL = ({"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}, 3, 2, 13)
LARGE = ({"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}, 20, 5, 60)


@pytest.fixture(params=[SMALL, LARGE], ids=["small", "large"])
def big(request: Any, personas: Any) -> Any:
    size, seats_n, per_seat, weeks = request.param
    org = build_org(personas.acme, **size)
    team = Team.objects.create(
        practice=personas.acme, name="Clinic A", manager_seat=org.managers[0]
    )
    seats = list(Seat.objects.filter(pk__in=[s.pk for s in org.staff[:seats_n]]))
    Seat.objects.filter(pk__in=[s.pk for s in seats]).update(team=team)
    build_team_board(team, seats, per_seat=per_seat, weeks=weeks, end=dt.date.today())
    return team


# page -> (url builder, queries)
PAGES = {
    # team, measurables, owners, numbers, overrides, goals, priorities + milestones
    "scorecard": (lambda t: f"/scorecards/teams/{t.pk}/", 11),
    "scorecard_52": (lambda t: f"/scorecards/teams/{t.pk}/?weeks=52", 11),
    "export": (lambda t: f"/scorecards/teams/{t.pk}/export.csv", 8),
    # team, measurables, numbers, owners
    "enter": (lambda t: f"/scorecards/teams/{t.pk}/enter/", 7),
    # scorecard (4) + priorities (2), goals, links, seats, dependencies, owners, talks
    "alignment": (lambda t: f"/scorecards/teams/{t.pk}/alignment/", 16),
    # teams with counts
    "index": (lambda t: "/scorecards/", 4),
    # kinds (2), measurables, numbers, locations
    "rollup": (lambda t: "/scorecards/rollup/", 8),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_is_fixed_whatever_the_size(
    big: Any, login: Any, django_assert_num_queries: Any, page: str
) -> None:
    client = login("manager")
    url, expected = PAGES[page]
    with django_assert_num_queries(expected):
        response = client.get(url(big))
    assert response.status_code == 200


API = {
    # token, count, page
    "measurables": (lambda t: f"scorecards/measurables?team={t.pk}&limit=500", 3),
    "priorities": (lambda t: f"scorecards/priorities?team={t.pk}&limit=500", 3),
    # token, team, measurables, owners, numbers, overrides
    "scorecard": (lambda t: f"scorecards/teams/{t.pk}/scorecard", 6),
}


@pytest.mark.parametrize("endpoint", list(API))
def test_api_query_count_is_fixed(
    big: Any, api_as: Any, django_assert_num_queries: Any, endpoint: str
) -> None:
    url, expected = API[endpoint]
    caller = api_as("manager")
    path, _, query = url(big).partition("?")
    params = dict(p.split("=") for p in query.split("&")) if query else {}
    with django_assert_num_queries(expected):
        response = caller.get(path, params)
    assert response.status_code == 200
