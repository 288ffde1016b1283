"""Template charts: the practice's own name and locations, vacant seats, no planted problems."""

from __future__ import annotations

import pytest

from practiceos.core.demo import SPECIALTIES
from practiceos.core.template_chart import template_chart


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_template_has_the_practice_name_locations_and_vacant_seats(specialty):
    snap = template_chart(specialty, name="Bay Clinic", slug="bay", locations=["North", "South"])
    assert (snap.practice.name, snap.practice.slug) == ("Bay Clinic", "bay")
    assert [loc.name for loc in snap.locations] == ["North", "South"]
    assert snap.people == () and snap.assignments == ()
    assert len(snap.seats) > 10 and len(snap.roles) > 5
    located = {seat.location_id for seat in snap.seats if seat.location_id}
    assert located <= {loc.id for loc in snap.locations}


def test_template_plants_no_support_reporting_to_a_provider():
    snap = template_chart("surgical", name="S", slug="s", locations=["A", "B", "C", "D"])
    kinds = {seat.id: seat.kind for seat in snap.seats}
    assert not [
        seat
        for seat in snap.seats
        if seat.kind == "support" and kinds.get(seat.reports_to or "") == "provider"
    ]


@pytest.mark.parametrize(
    "specialty, locations, message",
    [
        ("astrology", ["A"], '"astrology" is not a specialty'),
        ("dental", [], "at least one location"),
    ],
)
def test_bad_template_requests_are_refused(specialty, locations, message):
    with pytest.raises(ValueError, match=message):
        template_chart(specialty, name="X", slug="x", locations=locations)
