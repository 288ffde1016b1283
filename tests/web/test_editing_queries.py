"""Pinned query counts for the edit pages and the picker at 10 and ~300 seats.

Three of every count are the request's own: the session, the user and the membership.
The counts are equal at both sizes: no page loads the practice's seats, pickers included.
"""

from __future__ import annotations

import pytest

from practiceos.org.models import Seat, ServiceLink, Team
from tests.web.conftest import build_org

SMALL = {"directors": 1, "managers_per_director": 2, "staff_per_manager": 3}  # 10 seats
LARGE = {"directors": 3, "managers_per_director": 6, "staff_per_manager": 15}  # 292 seats


def _support(org):
    """A support seat that serves a provider (its edit form has every picker filled)."""
    return next(s for s in org.staff if ServiceLink.objects.filter(support_seat=s).exists())


# page -> (url builder, queries)
PAGES = {
    "location_new": (lambda org, team: "/org/locations/new/", 3),
    # location
    "location_edit": (lambda org, team: f"/org/locations/{org.locations[0].pk}/edit/", 4),
    "team_new": (lambda org, team: "/org/teams/new/", 3),
    # team, managing seat's name
    "team_edit": (lambda org, team: f"/org/teams/{team.pk}/edit/", 5),
    "role_new": (lambda org, team: "/org/roles/new/", 3),
    # role
    "role_edit": (lambda org, team: f"/org/roles/{org.staff[0].role_id}/edit/", 4),
    "seat_new": (lambda org, team: "/org/seats/new/", 3),
    # manager, its name, its location's name
    "seat_add_report": (lambda org, team: f"/org/seats/new/?reports_to={org.managers[0].pk}", 6),
    # seat, its service links, then the names of its role, location, team and seats
    "seat_edit": (lambda org, team: f"/org/seats/{_support(org).pk}/edit/", 9),
    "person_new": (lambda org, team: "/org/people/new/", 3),
    # person
    "person_edit": (lambda org, team: f"/org/people/{org.people[3].pk}/edit/", 4),
    "person_assign": (lambda org, team: f"/org/people/{org.people[3].pk}/assign/", 4),
    # assignment with person and seat
    "assignment_end": (
        lambda org, team: f"/org/assignments/{org.people[3].assignments.get().pk}/end/",
        4,
    ),
    # one search query each
    "pick_seat": (lambda org, team: "/org/pick/seat/?q=Clinic", 4),
    "pick_seat_all": (lambda org, team: f"/org/pick/seat/?exclude={org.owner_seat.pk}", 4),
    "pick_role": (lambda org, team: "/org/pick/role/?q=a", 4),
    "pick_location": (lambda org, team: "/org/pick/location/?q=Clinic", 4),
    "pick_team": (lambda org, team: "/org/pick/team/", 4),
    # count, page
    "roles": (lambda org, team: "/org/roles/", 5),
    "teams": (lambda org, team: "/org/teams/?q=Clinic", 5),
    # role, its first seats, their count
    "role": (lambda org, team: f"/org/roles/{org.staff[0].role_id}/", 6),
    # team, managing seat, its first seats, their count
    "team": (lambda org, team: f"/org/teams/{team.pk}/", 7),
}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["10-seats", "300-seats"])
@pytest.mark.parametrize("page", list(PAGES))
def test_edit_page_query_count_is_fixed_whatever_the_size(
    personas, login, django_assert_num_queries, page, size
):
    org = build_org(personas.acme, **size)
    assert org.seat_count in (10, 292)
    team = Team.objects.create(
        practice=personas.acme, name="Clinic Team", manager_seat=org.managers[0]
    )
    # The team holds every staff seat, so its edit form's pickers have a lot to not load.
    Seat.objects.filter(pk__in=[s.pk for s in org.staff]).update(team=team)
    client = login("owner")
    build, expected = PAGES[page]
    url = build(org, team)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    # Never a select of every seat: at most one picker page of matches.
    # Counted in the page body: the header's practice switcher has its own options.
    assert response.content.split(b"<main", 1)[-1].count(b"<option") <= 6
    assert response.content.count(b"data-pick=") <= 20
