"""Pinned query counts of the leadership pages at two data sizes (an N+1 fails here).

Every count includes the request's own overhead: session, user, membership with its
practice, and the practice switcher's memberships.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practiceos.leadership import services
from practiceos.leadership.models import Ask, DecisionArea, TimeEntry

PAGES = {
    "/leadership/": 8,  # + held seats, waiting asks, new answers, two area counts
    "/leadership/vision/": 5,  # + vision, core values
    "/leadership/decisions/": 7,  # + areas with deciders, overrides, involved seats, asks
    "/leadership/asks/": 7,  # + held seats, inbox, own asks, areas
    "/leadership/load/": 16,  # + weekly counts, decision times, per location, chart snapshot (10)
    "/leadership/time/": 18,  # + grid, held seats, owner check, split, entries, snapshot (10)
    "/leadership/locations/?sort=-share": 9,  # + six per-location aggregates
}


def grow(personas, sites, n):
    """``n`` more locations with a manager seat, asks of every kind and time entries."""
    from practiceos.org.models import Location, Seat

    services.seed_decision_areas(actor=personas.owner)
    areas = list(DecisionArea.objects.filter(practice=personas.acme))
    locs = Location.objects.bulk_create(
        Location(practice=personas.acme, name=f"Site {i}") for i in range(n)
    )
    seats = Seat.objects.bulk_create(
        Seat(practice=personas.acme, name=f"Manager {i}", kind="management", location=loc)
        for i, loc in enumerate(locs)
    )
    now = dt.datetime.now(dt.UTC)
    Ask.objects.bulk_create(
        Ask(
            practice=personas.acme,
            asker=personas.member.user,
            text=f"Ask {i}",
            location=locs[i],
            area=areas[i % len(areas)],
            to_seat=sites.downtown_manager if i % 2 else seats[i],
            reached_owner=bool(i % 3),
            status="decided" if i % 4 == 0 else "open",
            decided_at=now if i % 4 == 0 else None,
        )
        for i in range(n)
    )
    TimeEntry.objects.bulk_create(
        TimeEntry(
            practice=personas.acme,
            user=personas.owner.user,
            day=dt.date.today() - dt.timedelta(days=i % 50),
            kind=("leadership", "management", "clinical")[i % 3],
            minutes=30,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [0, 60])
@pytest.mark.parametrize("url", list(PAGES))
def test_page_query_count_is_fixed(url, n, personas, sites, login):
    grow(personas, sites, n)
    client = login("owner")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == PAGES[url], [q["sql"][:120] for q in queries]
