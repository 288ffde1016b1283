"""Pinned query counts: each page costs the same number of queries at 10 and ~300 seats.

Three of every count are the request's own: the session, the user and the membership.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import build_org

SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats

# page -> (url builder, queries)
PAGES = {
    # roots, level 1, level 2, service links, legends (kinds, locations, teams), the latest
    # health run (none here)
    "chart": (lambda org: "/org/chart/", 11),
    # colour and filter come from the address: no query of their own
    "chart_coloured": (lambda org: f"/org/chart/?colour=team&location={org.locations[0].pk}", 11),
    # + the recursive path query
    "chart_focus": (lambda org: f"/org/chart/?focus={org.staff[1].pk}", 12),
    # manager, reports, service links
    "children": (lambda org: f"/org/chart/children/{org.directors[0].pk}/", 6),
    "children_more": (lambda org: f"/org/chart/children/{org.managers[0].pk}/?offset=1", 6),
    "roots": (lambda org: "/org/chart/roots/", 5),
    "path": (lambda org: f"/org/chart/path/{org.staff[1].pk}/", 5),
    # seat, its service links
    "lines": (lambda org: f"/org/chart/lines/{org.staff[1].pk}/", 5),
    # people, their seats, seats
    "search": (lambda org: "/org/chart/search/?q=Ana", 6),
    # seat, manager + team manager, reports, service links, assignments
    "seat": (lambda org: f"/org/seats/{org.managers[0].pk}/", 8),
    "seat_support": (lambda org: f"/org/seats/{org.staff[1].pk}/", 8),
    # person, assignments
    "person": (lambda org: f"/org/people/{org.people[3].pk}/", 5),
    # location, its seats (with totals by window)
    "location": (lambda org: f"/org/locations/{org.locations[0].pk}/", 5),
    # count, page, current seats
    "people": (lambda org: "/org/people/", 6),
    "people_search": (lambda org: "/org/people/?q=Alvarez", 6),
    # count, page, management seats
    "locations": (lambda org: "/org/locations/", 6),
}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["10-seats", "300-seats"])
@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_is_fixed_whatever_the_size(
    personas, login, django_assert_num_queries, page, size
):
    org = build_org(personas.acme, **size)
    assert org.seat_count in (10, 292)
    client = login("member")
    url, expected = PAGES[page]
    with django_assert_num_queries(expected):
        response = client.get(url(org))
    assert response.status_code == 200
