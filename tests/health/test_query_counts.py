"""Pinned query counts: the report page and the flagged chart cost the same at two sizes."""

from __future__ import annotations

import pytest

from practiceos.health.services import run_health_check
from tests.web.conftest import build_org

SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats

# Three of every count are the request's own: the session, the user and the membership.
PAGES = {
    # trend scores, the latest run, checks in progress, chart changes since the run
    "report": (lambda org: "/health/", 7),
    "report_rule": (lambda org: "/health/?rule=seat-vacant", 7),
    # the chart's own 10 (flags and their run's date ride along as a join; the location
    # and team legends), then the legend's freshness marker: the latest run, checks in
    # progress, changes since
    "chart": (lambda org: "/org/chart/", 13),
    "children": (lambda org: f"/org/chart/children/{org.directors[0].pk}/", 6),
}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["10-seats", "300-seats"])
@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_with_flags_is_fixed_whatever_the_size(
    personas, login, django_assert_num_queries, page, size
):
    org = build_org(personas.acme, **size)
    run = run_health_check(personas.owner, personas.acme)
    assert run.findings  # every seventh seat is vacant: there is something to flag
    client = login("member")
    url, expected = PAGES[page]
    with django_assert_num_queries(expected):
        response = client.get(url(org))
    assert response.status_code == 200
    if page == "chart":
        assert 'class="flag sev-' in response.content.decode()
