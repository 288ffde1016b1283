"""Pinned query counts: people-accountability pages and API lists cost the same number of
queries with 2 or 40 reports (each with a conversation, a plan and a one-on-one).

Page counts include the request's own three (session, user, membership); API counts the
token lookup. Reads of confidential records are recorded in one INSERT per page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

TODAY = dt.date.today()


def grow(cast: Any, personas: Any, count: int) -> None:
    """``count`` more staff reporting to the manager's seat, each with records (bulk)."""
    from practiceos.org.models import Assignment, Person, Seat
    from practiceos.people.models import Checkpoint, OneOnOne, Plan, Review

    p = personas.acme
    chart = cast.chart
    seats = Seat.objects.bulk_create(
        Seat(practice=p, name=f"Tech {n}", kind="support", reports_to=chart.manager_seat)
        for n in range(count)
    )
    people = Person.objects.bulk_create(
        Person(practice=p, name=f"Staff {n:03}") for n in range(count)
    )
    Assignment.objects.bulk_create(
        Assignment(practice=p, person=person, seat=seat, start=dt.date(2020, 1, 1))
        for person, seat in zip(people, seats, strict=True)
    )
    Review.objects.bulk_create(
        Review(
            practice=p,
            person=person,
            held_on=TODAY - dt.timedelta(days=n % 200),
            gets_it=True,
            wants_it=True,
            capacity=True,
            values_ok=n % 3 != 0,
            seat_ok=True,
            ratings=[{"value": "Own it", "rating": "+"}],
        )
        for n, person in enumerate(people)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            practice=p,
            person=person,
            reason="numbers",
            opened_on=TODAY - dt.timedelta(days=30),
            end_date=TODAY + dt.timedelta(days=(n % 20) - 5),
            expectations=[{"text": "x"}],
        )
        for n, person in enumerate(people)
    )
    Checkpoint.objects.bulk_create(
        Checkpoint(practice=p, plan=plan, held_on=TODAY, on_track=True) for plan in plans
    )
    OneOnOne.objects.bulk_create(
        OneOnOne(practice=p, person=person, held_on=TODAY) for person in people
    )


SIZES = [2, 40]

# page -> (url builder, persona, queries)
PAGES = {
    # viewer (2) + items: parents, below, open plans, due rows, latest reviews;
    # recognition: reviews, plans; below people
    "home": (lambda c: "/people/", "manager", 13),
    "home_owner": (lambda c: "/people/", "owner", 13),
    # viewer (2), person, parents, their seats, reviews, plans, meetings, reads (1 insert)
    "person": (lambda c: f"/people/person/{c.tom.pk}/", "manager", 12),
    # viewer (2), review, relation, read record
    "review": (lambda c: f"/people/reviews/{c.tom_review.pk}/", "manager", 9),
    # viewer (2), plan, relation, read record, checkpoints
    "plan": (lambda c: f"/people/plans/{c.tom_plan.pk}/", "manager", 10),
    "one_on_one": (lambda c: f"/people/one-on-ones/{c.tom_meeting.pk}/", "member", 7),
    # viewer, person, relation, seats, 2 service-line queries, open plan, checkpoints,
    # last review, read records
    "prepare": (
        lambda c: f"/people/person/{c.tom.pk}/one-on-ones/new/?topics=crisis",
        "manager",
        15,
    ),
    "style": (
        lambda c: "/people/style/?situation=crisis&competence=low&commitment=high",
        "member",
        5,
    ),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_is_fixed(cast, personas, login, django_assert_num_queries, page, size):
    grow(cast, personas, size)
    url, persona, expected = PAGES[page]
    client = login(persona)
    with django_assert_num_queries(expected):
        response = client.get(url(cast))
    assert response.status_code == 200


# path -> (persona, queries)
LISTS = {
    # token, viewer (2), parents, below, count, page
    "reviews": ("manager", 7),
    "plans": ("manager", 7),
    "one-on-ones": ("manager", 7),
    # owner: no chain needed for the list (sees all)
    "reviews?limit=200": ("owner", 5),
    "people-items": ("manager", 8),
    "recognition": ("manager", 7),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", list(LISTS))
def test_api_list_query_count_is_fixed(
    cast, personas, api_as, django_assert_num_queries, path, size
):
    grow(cast, personas, size)
    persona, expected = LISTS[path]
    caller = api_as(persona)
    with django_assert_num_queries(expected):
        response = caller.get(path)
    assert response.status_code == 200
    body = response.json()
    if "count" in body:
        # The manager sees Tom's and the grown staff's records, never Bob's.
        assert body["count"] == (size + 1 if persona == "manager" else size + 2)
