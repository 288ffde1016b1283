"""Hiring fixtures: the standard chart with a vacant dental-assistant seat under the
practice manager (the manager persona fills the manager seat), a role card with
responsibilities and junior expectations, and two core values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import api_as, make_token  # noqa: F401  (re-exported fixtures)


@dataclass
class Hiring:
    """The hiring cast: the vacant seat, the manager of the other chain, the values."""

    seat: Any
    role: Any
    front_seat: Any
    manager_other: Any


def add_values(practice: Any) -> None:
    """Two core values on the practice's vision."""
    from practiceos.leadership.models import CoreValue

    for i, (name, behaviour) in enumerate(
        [("Patients first", "We call back the same day."), ("Own it", "We finish what we start.")]
    ):
        CoreValue.objects.create(practice=practice, name=name, behaviour=behaviour, position=i)


@pytest.fixture
def hiring(personas: Any, chart: Any) -> Hiring:
    """A vacant Dental Assistant seat under the practice manager (the manager persona)."""
    from django.contrib.auth.models import User

    from practiceos.org.models import Assignment, Person, Role, Seat
    from practiceos.tenancy.models import Membership

    p = personas.acme
    mona = Person.objects.create(practice=p, name="Mona Manager", user=personas.manager.user)
    Assignment.objects.create(practice=p, person=mona, seat=chart.manager_seat, fte=1)
    role = Role.objects.create(
        practice=p,
        title="Dental Assistant",
        kind="support",
        purpose="Chairside support so the dentist treats patients safely and on time.",
        responsibilities=["Prepare the surgery for each patient", "Sterilise instruments"],
        expectations=[
            {
                "level": "junior",
                "measurable": "Room turnover",
                "unit": "minutes",
                "direction": "at_most",
                "target": 10,
            },
            {
                "level": "senior",
                "measurable": "Room turnover",
                "unit": "minutes",
                "direction": "at_most",
                "target": 7,
            },
        ],
    )
    seat = Seat.objects.create(
        practice=p,
        name="Dental Assistant 1",
        kind="support",
        role=role,
        location=chart.downtown,
        reports_to=chart.manager_seat,
    )
    front = Seat.objects.create(
        practice=p, name="Front Office Manager", kind="management", reports_to=chart.owner_seat
    )
    user = User.objects.create_user("manager_other", password="x")
    other = Membership.objects.create(practice=p, user=user, role="manager")
    fiona = Person.objects.create(practice=p, name="Fiona Front", user=user)
    Assignment.objects.create(practice=p, person=fiona, seat=front, fte=1)
    add_values(p)
    return Hiring(seat=seat, role=role, front_seat=front, manager_other=other)


def score(**kw: Any) -> dict[str, Any]:
    """A full score: + on both values, yes to all three."""
    data: dict[str, Any] = {
        "marks": [{"value": "Patients first", "mark": "+"}, {"value": "Own it", "mark": "+/-"}],
        "gets_it": True,
        "wants_it": True,
        "capacity": True,
        "notes": "Calm with anxious patients.",
    }
    data.update(kw)
    return data
