"""Pinned query counts (STYLE §9): each list costs the same at two data sizes, so an N+1
fails here. Every count includes the one query that resolves the bearer token.
"""

from __future__ import annotations

import datetime as dt

import pytest

# token + COUNT + page, plus one query per prefetched relation.
LIST_QUERIES = {
    "locations": 3,
    "teams": 3,
    "roles": 3,
    "seats": 5,  # + service links + current accountable holders (with names)
    "people": 3,
    "assignments": 3,  # person names come in the page query (select_related)
}
# token + object, plus the seat's two prefetches.
READ_QUERIES = {
    "locations": 2,
    "teams": 2,
    "roles": 2,
    "seats": 4,
    "people": 2,
    "assignments": 2,
}
FILTERED = [
    ("seats", {"kind": "support", "location": "{loc}"}),
    ("seats", {"reports_to": "{top}"}),
    ("people", {"q": "extra"}),
    ("assignments", {"current": "true", "seat": "{surgeon}"}),
    ("roles", {"kind": "support"}),
]
EXTRA = 60


def grow(chart, n):
    """Add ``n`` of everything to acme: linked seats, people in them, teams, roles."""
    from practiceos.org.models import (
        Assignment,
        Location,
        Person,
        Role,
        Seat,
        ServiceLink,
        Team,
    )

    p = chart.owner_seat.practice_id
    locations = Location.objects.bulk_create(
        Location(practice_id=p, name=f"Extra site {i}") for i in range(n)
    )
    roles = Role.objects.bulk_create(
        Role(practice_id=p, title=f"Extra role {i}", kind="support") for i in range(n)
    )
    seats = Seat.objects.bulk_create(
        Seat(
            practice_id=p,
            name=f"Extra seat {i}",
            kind="support",
            role=roles[i],
            location=chart.downtown if i % 2 else locations[i],
            reports_to=chart.owner_seat,
            team=chart.team,
        )
        for i in range(n)
    )
    ServiceLink.objects.bulk_create(
        ServiceLink(practice_id=p, support_seat=s, provider_seat=chart.surgeon_seat) for s in seats
    )
    Team.objects.bulk_create(
        Team(practice_id=p, name=f"Extra team {i}", manager_seat=seats[i]) for i in range(n)
    )
    people = Person.objects.bulk_create(
        Person(practice_id=p, name=f"Extra person {i}", email=f"extra{i}@acme.example")
        for i in range(n)
    )
    Assignment.objects.bulk_create(
        Assignment(practice_id=p, person=people[i], seat=seats[i], start=dt.date(2020, 1, 1))
        for i in range(n)
    )
    Assignment.objects.bulk_create(
        Assignment(
            practice_id=p,
            person=people[i],
            seat=chart.surgeon_seat,
            accountable=False,
            fte="0.5",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("size", [0, EXTRA])
@pytest.mark.parametrize("resource", list(LIST_QUERIES))
def test_list_query_count_is_fixed(resource, size, chart, api_as, django_assert_num_queries):
    caller = api_as("member")
    grow(chart, size)
    with django_assert_num_queries(LIST_QUERIES[resource]):
        response = caller.get(resource, {"limit": 500})
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == body["count"] >= size  # the page really holds the data


@pytest.mark.parametrize("size", [0, EXTRA])
@pytest.mark.parametrize(("resource", "params"), FILTERED)
def test_filtered_list_query_count_is_fixed(
    resource, params, size, chart, api_as, django_assert_num_queries
):
    caller = api_as("member")
    grow(chart, size)
    ids = {
        "{loc}": chart.downtown.pk,
        "{top}": chart.owner_seat.pk,
        "{surgeon}": chart.surgeon_seat.pk,
    }
    query = {k: ids.get(v, v) for k, v in params.items()}
    with django_assert_num_queries(LIST_QUERIES[resource]):
        response = caller.get(resource, {"limit": 500, **query})
    assert response.status_code == 200
    assert len(response.json()["items"]) >= size // 2


def test_seat_list_shows_serves_and_accountable_person_from_prefetches(chart, api_as):
    grow(chart, 3)
    items = {s["name"]: s for s in api_as("member").get("seats", {"limit": 500}).json()["items"]}
    assert items["Surgical Technologist 1"]["serves"] == [chart.surgeon_seat.pk]
    assert items["Orthopedic Surgeon 1"]["accountable_person"] == {
        "id": chart.bob.pk,
        "name": "Bob Surgeon",
    }
    assert items["Extra seat 2"]["accountable_person"]["name"] == "Extra person 2"
    assert items["Extra seat 2"]["reports_to"] == chart.owner_seat.pk
    assert items["Practice Manager"]["accountable_person"] is None


@pytest.mark.parametrize("resource", list(READ_QUERIES))
def test_read_query_count_is_fixed(resource, chart, api_as, django_assert_num_queries):
    from tests.api.resources import RESOURCES

    caller = api_as("member")
    grow(chart, 10)
    obj = RESOURCES[resource].sample(chart)
    with django_assert_num_queries(READ_QUERIES[resource]):
        response = caller.get(f"{resource}/{obj.pk}")
    assert response.status_code == 200
