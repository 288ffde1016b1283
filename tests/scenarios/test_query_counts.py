"""Pinned query counts: scenario pages and the API list cost the same at two data sizes.

Three of every page's count are the request's own (session, user, membership); an API
call's one is the token.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.org.test_snapshot import SNAPSHOT_QUERIES
from tests.web.conftest import build_org

SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats


def _scenarios(personas: Any, org: Any, count: int) -> Any:
    """``count`` drafts of acme; the first moves a clinic's staff member and adds a seat."""
    from practiceos.core.health import CreateSeat, MoveReportingLine
    from practiceos.core.model import SeatKind
    from practiceos.scenarios.services import add_changes, create_scenario

    first = None
    for n in range(count):
        scenario = create_scenario(actor=personas.owner, name=f"Scenario {n}")
        first = first or scenario
    add_changes(
        actor=personas.owner,
        scenario=first,
        changes=[
            CreateSeat(
                "new:lead",
                "Clinical Lead",
                "Clinical Lead",
                SeatKind.MANAGEMENT,
                None,
                str(org.owner_seat.pk),
            ),
            MoveReportingLine(str(org.staff[1].pk), "new:lead"),
        ],
    )
    return first


# page -> (url builder, queries)
PAGES = {
    # the scenarios with their owners
    "list": (lambda s: "/scenarios/", 4),
    # the request's 3, the scenario, the snapshot (the chart's 7 and each area's section:
    # the comparison re-checks every area, as the health report does)
    "detail": (lambda s: f"/scenarios/{s.pk}/", 4 + SNAPSHOT_QUERIES),
    # the same, as an org file
    "export": (lambda s: f"/scenarios/{s.pk}/org.yaml", 4 + SNAPSHOT_QUERIES),
}


@pytest.mark.parametrize(("size", "count"), [(SMALL, 1), (LARGE, 25)], ids=["small", "large"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_queries_are_fixed_whatever_the_size(
    personas, login, django_assert_num_queries, page, size, count
):
    org = build_org(personas.acme, **size)
    scenario = _scenarios(personas, org, count)
    client = login("member")
    url, expected = PAGES[page]
    with django_assert_num_queries(expected):
        response = client.get(url(scenario))
    assert response.status_code == 200
    if page == "detail":
        assert "Clinical Lead" in response.content.decode()


@pytest.mark.parametrize(("size", "count"), [(SMALL, 1), (LARGE, 25)], ids=["small", "large"])
def test_api_list_queries_are_fixed(personas, api_as, django_assert_num_queries, size, count):
    org = build_org(personas.acme, **size)
    _scenarios(personas, org, count)
    caller = api_as("member")
    # token, count, page with owners
    with django_assert_num_queries(3):
        response = caller.get("scenarios", {"limit": 100})
    assert response.json()["count"] == count
